package ferry.httpd.files.docs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The description of /api/v2, public like the reference's: {@code GET /api/v2/openapi.yaml}
 * (written by scripts/openapi-v2.py) and a Swagger UI page on it at {@code GET /api/v2/docs},
 * whose scripts and styles are vendored files served from here (swagger-ui/README.md), never a
 * CDN.
 */
public final class DocsRoutes {
  public static final String OPENAPI_PATH = "/api/v2/openapi.yaml";
  public static final String DOCS_PATH = "/api/v2/docs";

  /**
   * The page runs only this server's own script files: no inline script or style, no eval, no
   * other origin. Swagger UI's icons are data: URIs in its stylesheet; "Try it out" calls this
   * same origin.
   */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'");

  private static final String BASE = "/ferry/httpd/files/docs/";

  private final Map<String, Asset> assets;

  public DocsRoutes() {
    this.assets = Map.of(
        OPENAPI_PATH, Asset.load(BASE + "openapi.yaml", "application/yaml; charset=utf-8"),
        DOCS_PATH, Asset.load(BASE + "index.html", "text/html; charset=utf-8"),
        DOCS_PATH + "/docs-init.js", Asset.load(BASE + "docs-init.js", "text/javascript; charset=utf-8"),
        DOCS_PATH + "/swagger-ui-bundle.js",
        Asset.load(BASE + "swagger-ui/swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        DOCS_PATH + "/swagger-ui.css", Asset.load(BASE + "swagger-ui/swagger-ui.css", "text/css; charset=utf-8"));
  }

  public void register(RoutesConfig r) {
    assets.forEach((path, asset) -> r.get(path, ctx -> serve(ctx, asset)));
  }

  private static void serve(Context ctx, Asset asset) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Referrer-Policy", "no-referrer");
    // the files change only with Ferry: revalidated on each load, answered 304 while the same
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", asset.etag);
    if (asset.etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(asset.contentType);
    ctx.result(asset.bytes);
  }

  /** A file of this package's resources, read once at start. */
  private record Asset(byte[] bytes, String contentType, String etag) {
    static Asset load(String resource, String contentType) {
      try (InputStream in = DocsRoutes.class.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("missing resource " + resource + " (a broken build)");
        byte[] bytes = in.readAllBytes();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        return new Asset(bytes, contentType, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("no SHA-256 in this JDK", e);
      }
    }
  }
}
