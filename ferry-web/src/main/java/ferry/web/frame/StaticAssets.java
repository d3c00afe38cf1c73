package ferry.web.frame;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The UI's static files from the classpath ({@code ferry/web/static}): Ferry's own script and style,
 * and the vendored libraries (see {@code VENDORED.md}), whose versioned paths never change and are
 * cached for a year. Nothing comes from another host.
 */
public final class StaticAssets {
  public static final String PREFIX = "/web/static/";
  private static final String ROOT = "ferry/web/static/";
  private static final Pattern SAFE = Pattern.compile("[a-z0-9._-]+(/[a-z0-9._-]+)*");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css",
      "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "woff2", "font/woff2");

  private StaticAssets() {}

  public static void register(RoutesConfig routes) {
    routes.get(PREFIX + "<file>", StaticAssets::serve);
  }

  private static void serve(Context ctx) throws IOException {
    String file = ctx.pathParam("file");
    String ext = file.substring(file.lastIndexOf('.') + 1);
    if (!SAFE.matcher(file).matches() || file.contains("..") || !TYPES.containsKey(ext)) throw new NotFoundResponse();
    InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(ROOT + file);
    if (in == null) throw new NotFoundResponse();
    ctx.contentType(TYPES.get(ext));
    ctx.header("Cache-Control", file.startsWith("vendor/") ? "public, max-age=31536000, immutable" : "no-cache");
    try (in) {
      ctx.result(in.readAllBytes());
    }
  }
}
