package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** An error answer of the server, {@code {"status", "error", "message"}}, as a CLI failure. */
final class ApiException extends CliException {
  private final int status;
  private final JsonNode body;

  ApiException(int status, String message, JsonNode body) {
    super(message);
    this.status = status;
    this.body = body;
  }

  /** The HTTP status code of the answer. */
  int status() {
    return status;
  }

  /** The parsed error body; a missing node when the server sent no JSON. */
  JsonNode body() {
    return body;
  }
}
