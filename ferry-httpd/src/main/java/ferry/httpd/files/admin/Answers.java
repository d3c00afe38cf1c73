package ferry.httpd.files.admin;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The reference's answers shared by the admin routes: 201 with Location, and ApiResponse bodies. */
final class Answers {
  private Answers() {}

  /** 201 with the new object's URI in {@code Location} and its name in {@code X-Object-ID}. */
  static void created(Context ctx, String collection, String name, Object body) {
    ctx.header("Location", collection + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    ctx.header("X-Object-ID", name);
    ctx.status(HttpStatus.CREATED).json(body);
  }

  /** An ApiResponse: {@code {"message": ...}}. */
  static void message(Context ctx, String message) {
    ctx.json(Map.of("message", message));
  }
}
