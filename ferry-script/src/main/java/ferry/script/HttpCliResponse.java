package ferry.script;

import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The result of an {@code HttpCli} verb. Failures never throw into the script: a request that got
 * no response has status 0 and an {@code ErrorMsg()}.
 *
 * <ul>
 *   <li>{@code Ok()}: a complete response with a 2xx status
 *   <li>{@code IsValid()}: a complete response with any status
 *   <li>{@code StatusCode()}, {@code BodyAsString()}, {@code Header(name)} (case-insensitive, "" if
 *       absent), {@code ErrorMsg()} ("" if none)
 * </ul>
 */
final class HttpCliResponse {
  private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final String error;

  private HttpCliResponse(int status, HttpHeaders headers, byte[] body, String error) {
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.error = error;
  }

  /** A received response; {@code error} is "" unless the body was cut. */
  static HttpCliResponse received(int status, HttpHeaders headers, byte[] body, String error) {
    return new HttpCliResponse(status, headers, body, error);
  }

  /** A request that got no response. */
  static HttpCliResponse failure(String error) {
    return new HttpCliResponse(0, NO_HEADERS, new byte[0], error);
  }

  int status() {
    return status;
  }

  /** The first value of header {@code name}, in any case. */
  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** This response with {@code error} as its {@code ErrorMsg()}; "" keeps the current one. */
  HttpCliResponse withError(String error) {
    return error.isEmpty() ? this : new HttpCliResponse(status, headers, body, error);
  }

  String error() {
    return error;
  }

  boolean valid() {
    return status > 0 && error.isEmpty();
  }

  String bodyAsString() {
    return new String(body, charset());
  }

  JsObject toJs() {
    return new JsObject(
        Map.of(
            "Ok", args -> valid() && status >= 200 && status < 300,
            "IsValid", args -> valid(),
            "StatusCode", args -> status,
            "BodyAsString", args -> bodyAsString(),
            "Header", args -> headers.firstValue(JsValues.text(args, 0)).orElse(""),
            "ErrorMsg", args -> error));
  }

  private Charset charset() {
    Optional<String> contentType = headers.firstValue("Content-Type");
    if (contentType.isPresent()) {
      for (String part : contentType.get().split(";")) {
        String param = part.trim();
        if (param.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          try {
            return Charset.forName(param.substring(8).replace("\"", "").trim());
          } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
