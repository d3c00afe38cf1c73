package ferry.httpd.orchestration;

import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.yaml}: the face's OpenAPI 3.1 document (written by scripts/openapi-api.py),
 * public and offered as a download for Postman, Insomnia or Redoc, as the seed offers its own.
 */
final class OpenApiRoutes {
  static final String PATH = "/api/openapi.yaml";
  static final String RESOURCE = "/ferry/httpd/orchestration/openapi.yaml";

  private final byte[] document;

  OpenApiRoutes() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE + " (a broken build)");
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  void register(RoutesConfig r) {
    r.get(PATH, ctx -> {
      ctx.header("Content-Disposition", "attachment; filename=\"ferry-api.yaml\"");
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.contentType("application/yaml; charset=utf-8").result(document);
    });
  }
}
