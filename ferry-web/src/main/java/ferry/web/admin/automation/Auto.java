package ferry.web.admin.automation;

import ferry.core.admin.AdminPermission;
import ferry.core.error.ValidationException;
import ferry.core.page.PageRequest;
import ferry.web.frame.Messages;
import ferry.web.frame.Page;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every automation page does alike: the {@code *} check, models, paging, form fields, redirects. */
final class Auto {
  /** Rows per listing page. */
  static final int PAGE_SIZE = 25;

  private Auto() {}

  /** The calling admin; 403 unless it holds {@code *} (as the /v1 and /api routes of automation require). */
  static WebCaller admin(Context ctx) {
    WebCaller c = WebAuth.caller(ctx);
    c.require(AdminPermission.ALL);
    return c;
  }

  /** A template model: the page, then name/value pairs (values may be null). */
  static Map<String, Object> model(Page page, Object... nameValues) {
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    for (int i = 0; i < nameValues.length; i += 2) m.put((String) nameValues[i], nameValues[i + 1]);
    return m;
  }

  /** The {@code page} query parameter (from 1; anything else is page 1) with {@link #PAGE_SIZE} rows. */
  static PageRequest paging(Context ctx) {
    int p = 1;
    try {
      String s = ctx.queryParam("page");
      if (s != null) p = Math.max(1, Math.min(1_000_000, Integer.parseInt(s.trim())));
    } catch (NumberFormatException e) {
      p = 1;
    }
    return new PageRequest(p, PAGE_SIZE);
  }

  /** A form field, trimmed; null when missing or blank. */
  static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    if (v == null) return null;
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  /** A query parameter, trimmed; null when missing or blank. */
  static String query(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null) return null;
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  static void redirect(Context ctx, String to) {
    ctx.redirect(to, HttpStatus.SEE_OTHER);
  }

  /**
   * A refused input as per-field messages in the page's language: the field the core names, or
   * {@code fallback} when it names none.
   */
  static Map<String, String> errors(ValidationException v, Messages m, String fallback) {
    Object f = v.details().get("field");
    Map<String, String> out = new LinkedHashMap<>();
    out.put(f == null ? fallback : f.toString(), m.core(v.getMessage()));
    return out;
  }
}
