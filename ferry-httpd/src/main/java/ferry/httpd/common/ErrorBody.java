package ferry.httpd.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The error body each API face specifies, chosen by the request path: {@code /api/v2/...} the file
 * server's {@code {"error","message"}}, {@code /api/...} the orchestration envelope {@code
 * {"success":false,"error","details"}}, anything else the /v1 {@link ApiError}.
 */
public final class ErrorBody {
  private ErrorBody() {}

  /** The file server's error (as SFTPGo answers): the error text, and the status text as message. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record FileServerError(String error, String message) {}

  /** The orchestration face's failure envelope. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record OrchestrationError(boolean success, String error, Map<String, Object> details) {}

  /**
   * The body for a failure on {@code path}.
   *
   * @param reason the status text, e.g. "Not Found"
   * @param message what went wrong, for the caller
   */
  public static Object of(String path, int status, String reason, String message, Map<String, Object> details) {
    if (isUnder(path, "/api/v2")) return new FileServerError(message, reason);
    if (isUnder(path, "/api")) return new OrchestrationError(false, message, details);
    return new ApiError(status, reason, message, details);
  }

  private static boolean isUnder(String path, String prefix) {
    return path != null && (path.equals(prefix) || path.startsWith(prefix + "/"));
  }
}
