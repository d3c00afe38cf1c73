package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The agent's HTTP client of the server's {@code /api}: JSON in, the envelope out, the agent key in
 * {@code X-API-Key}. A transport failure (server down, network lost) is an {@link IOException}.
 */
final class ServerApi {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http;
  private final Supplier<String> apiKey;

  /** {@code apiKey} gives the current key, or null before registration. */
  ServerApi(URI base, SSLContext ssl, Supplier<String> apiKey) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1);
    if (ssl != null) b.sslContext(ssl);
    this.http = b.build();
    this.apiKey = apiKey;
  }

  URI base() {
    return base;
  }

  ApiResult get(String path) throws IOException, InterruptedException {
    return send("GET", path, null);
  }

  ApiResult post(String path, JsonNode body) throws IOException, InterruptedException {
    return send("POST", path, body);
  }

  /** Sends one request; {@code body} may be null. */
  ApiResult send(String method, String path, JsonNode body) throws IOException, InterruptedException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    String key = apiKey.get();
    if (key != null) rb.header("X-API-Key", key);
    if (body == null) rb.method(method, HttpRequest.BodyPublishers.noBody());
    else rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
    HttpResponse<byte[]> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode envelope = parse(r.body());
    return new ApiResult(r.statusCode(), envelope == null ? null : envelope.get("data"),
        envelope == null ? null : envelope.get("pagination"), errorOf(envelope, r.statusCode()),
        r.headers().firstValue("Retry-After").flatMap(ServerApi::retryAfter));
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) return null;
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      return null; // a proxy's HTML error page: the status alone decides
    }
  }

  private static String errorOf(JsonNode envelope, int status) {
    if (status < 400) return null;
    String e = Json.text(envelope, "error");
    return e == null ? "no envelope in the answer" : e;
  }

  /** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3). */
  static Optional<Duration> retryAfter(String value) {
    String v = value.strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (RuntimeException bad) {
        return Optional.empty();
      }
    }
  }
}
