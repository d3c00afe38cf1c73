package ferry.httpd.files.ops;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** The reference API's ApiResponse for a success: {@code {"message": "..."}}. */
final class Answers {
  private Answers() {}

  static void message(Context ctx, HttpStatus status, String message) {
    ctx.status(status).json(Map.of("message", message));
  }
}
