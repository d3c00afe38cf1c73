package ferry.httpd.files;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The reference's success answers: 201 with Location and X-Object-ID, and ApiResponse bodies. */
public final class Answers {
  private Answers() {}

  /** 201 with the new object's URI in {@code Location} and its id or name in {@code X-Object-ID}. */
  public static void created(Context ctx, String collection, String id, Object body) {
    ctx.header("Location", collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20"));
    ctx.header("X-Object-ID", id);
    ctx.status(HttpStatus.CREATED).json(body);
  }

  /** An ApiResponse with 200: {@code {"message": ...}}. */
  public static void message(Context ctx, String message) {
    message(ctx, HttpStatus.OK, message);
  }

  /** An ApiResponse: {@code {"message": ...}}. */
  public static void message(Context ctx, HttpStatus status, String message) {
    ctx.status(status).json(Map.of("message", message));
  }
}
