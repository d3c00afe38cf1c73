package ferry.script;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The fluent builder behind {@code HttpCli()}. Setters return the builder; verbs send the request
 * and return an {@link HttpCliResponse}. Bad input (for example an object as body) is reported in
 * the response's {@code ErrorMsg()}, like a network failure, instead of throwing.
 */
final class HttpCliRequest {
  private final HttpSender sender;
  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final JsObject js;
  private String url = "";
  private Optional<String> body = Optional.empty();
  private Duration timeout = Duration.ZERO;
  private TlsTrust trust = new TlsTrust.SystemDefault();
  private String problem = "";

  HttpCliRequest(HttpSender sender) {
    this.sender = sender;
    this.js = new JsObject(members());
  }

  JsObject toJs() {
    return js;
  }

  private Map<String, ProxyExecutable> members() {
    return Map.ofEntries(
        entry("Url", args -> set(() -> url = JsValues.text(args, 0))),
        entry(
            "Header",
            args -> set(() -> headers.put(JsValues.text(args, 0), JsValues.text(args, 1)))),
        entry(
            "Bearer",
            args -> set(() -> headers.put("Authorization", "Bearer " + JsValues.text(args, 0)))),
        entry("BasicAuth", args -> set(() -> headers.put("Authorization", basic(args)))),
        entry("Timeout", args -> set(() -> timeout = seconds(JsValues.number(args, 0)))),
        entry("ReqBody", args -> set(() -> body = body(args, 0))),
        entry("InsecureSkipVerify", args -> set(() -> trust = new TlsTrust.TrustAll())),
        entry(
            "TrustCertPEM",
            args -> set(() -> trust = new TlsTrust.PemCertificates(JsValues.text(args, 0)))),
        entry("Get", args -> send("GET", Optional.empty())),
        entry("Head", args -> send("HEAD", Optional.empty())),
        entry("Post", args -> send("POST", bodyOrStored(args, 0))),
        entry("Put", args -> send("PUT", bodyOrStored(args, 0))),
        entry("Patch", args -> send("PATCH", bodyOrStored(args, 0))),
        entry("Delete", args -> send("DELETE", bodyOrStored(args, 0))),
        entry(
            "Do",
            args -> send(JsValues.text(args, 0).toUpperCase(Locale.ROOT), bodyOrStored(args, 1))));
  }

  private JsObject set(Runnable change) {
    change.run();
    return js;
  }

  private JsObject send(String method, Optional<String> requestBody) {
    HttpCliResponse response;
    if (!problem.isEmpty()) {
      response = HttpCliResponse.failure(problem);
    } else if (method.isBlank()) {
      response = HttpCliResponse.failure("no HTTP method given to Do()");
    } else {
      response =
          sender.send(new HttpSpec(method, url, Map.copyOf(headers), requestBody, timeout, trust));
    }
    return response.toJs();
  }

  private Optional<String> bodyOrStored(Value[] args, int i) {
    return JsValues.present(args, i) ? body(args, i) : body;
  }

  private Optional<String> body(Value[] args, int i) {
    if (!JsValues.present(args, i)) {
      return Optional.empty();
    }
    Value value = args[i];
    if (value.isString() || value.isNumber() || value.isBoolean()) {
      return Optional.of(JsValues.text(args, i));
    }
    if (problem.isEmpty()) {
      problem = "the request body must be a string; use JSON.stringify() for objects";
    }
    return Optional.empty();
  }

  private static String basic(Value[] args) {
    String credentials = JsValues.text(args, 0) + ":" + JsValues.text(args, 1);
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static Duration seconds(double seconds) {
    if (Double.isNaN(seconds) || seconds <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.max(1, Math.min(seconds * 1000, Long.MAX_VALUE)));
  }
}
