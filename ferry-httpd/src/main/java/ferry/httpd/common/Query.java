package ferry.httpd.common;

import ferry.core.error.ValidationException;
import io.javalin.http.Context;

/** Typed query-string reads whose errors name the parameter. */
public final class Query {
  private Query() {}

  public static long longParam(Context ctx, String name, long dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) return dflt;
    try {
      // strip, not trim: trim would also drop control characters such as NUL ("1%00")
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new ValidationException("query parameter " + name + " must be a whole number, got '" + v + "'",
          java.util.Map.of("field", name));
    }
  }

  public static int intParam(Context ctx, String name, int dflt) {
    long v = longParam(ctx, name, dflt);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
      throw new ValidationException("query parameter " + name + " is out of range", java.util.Map.of("field", name));
    return (int) v;
  }

  /** A non-blank query parameter, or null. */
  public static String string(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v;
  }
}
