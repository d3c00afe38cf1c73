package ferry.httpd.files.user;

import ferry.core.error.ValidationException;
import ferry.httpd.files.FsErrors;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The path and flag query parameters of the user file routes, checked at the edge so that bad
 * input is a 400 naming the problem: no NUL, no {@code ..} segment, no name longer than storage
 * allows. Query parameters are read from the query string only; a body is never parsed as a form.
 */
public final class UserPaths {
  /** Longest name (bytes of UTF-8) most file systems store. */
  static final int MAX_NAME_BYTES = 255;
  static final int MAX_PATH_CHARS = 4096;

  private UserPaths() {}

  /** The required path parameter {@code name}. */
  static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) throw new ValidationException("the query parameter " + name + " is required");
    return check(name, v);
  }

  /** The path parameter {@code name}, "/" (the start directory) when missing or empty. */
  static String optional(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isEmpty() ? "/" : check(name, v);
  }

  /** Checks a client path; returns it unchanged. */
  public static String check(String param, String path) {
    if (path.indexOf('\0') >= 0) throw new ValidationException(param + ": a path must not contain a NUL byte");
    if (path.length() > MAX_PATH_CHARS)
      throw new ValidationException(param + ": the path is longer than " + MAX_PATH_CHARS + " characters");
    for (String segment : path.split("/")) {
      if (segment.equals(".."))
        throw new ValidationException(param + ": a path must not contain '..' segments");
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES)
        throw new ValidationException(param + ": a name in the path is longer than " + MAX_NAME_BYTES + " bytes");
    }
    return path;
  }

  /** A boolean query parameter as the reference's clients send it (true/false, 1/0, t/f). */
  static boolean flag(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return false;
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "t" -> true;
      case "false", "0", "f" -> false;
      default -> throw new ValidationException("the query parameter " + name + " must be true or false, got '"
          + FsErrors.clean(v) + "'");
    };
  }
}
