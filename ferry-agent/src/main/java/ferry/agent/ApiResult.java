package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One answer of the server's {@code /api}: its status, the envelope's {@code data} (or null), the
 * envelope's {@code error} message (or null) and the {@code Retry-After} it asked for.
 */
record ApiResult(int status, JsonNode data, JsonNode pagination, String error, Optional<Duration> retryAfter) {
  boolean ok() {
    return status >= 200 && status < 300;
  }

  /** Worth sending again later: the server is busy, overloaded or failing, not refusing. */
  boolean transientFailure() {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }

  String describe() {
    return "HTTP " + status + (error == null ? "" : ": " + error);
  }
}
