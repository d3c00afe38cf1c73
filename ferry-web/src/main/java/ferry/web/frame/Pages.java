package ferry.web.frame;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the templates under {@code src/main/jte}, compiled to classes at build time (package
 * {@code ferry.web.templates}): no template is parsed at run time, and a wrong parameter breaks the
 * build.
 */
public final class Pages {
  private static final TemplateEngine ENGINE =
      TemplateEngine.createPrecompiled(null, ContentType.Html, null, "ferry.web.templates");

  private Pages() {}

  /** Renders {@code template} (e.g. {@code "admin/dashboard.jte"}) with its parameters as the answer. */
  public static void render(Context ctx, String template, Map<String, Object> params) {
    ctx.contentType("text/html; charset=utf-8").result(html(template, params));
  }

  /** The HTML of {@code template}, for tests and fragments sent over SSE. */
  public static String html(String template, Map<String, Object> params) {
    StringOutput out = new StringOutput(8192);
    ENGINE.render(template, params, out);
    return out.toString();
  }

  /** Whether htmx sent this request (it swaps a fragment, not a whole page). */
  public static boolean isHtmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }
}
