package ferry.web.admin.automation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How automation pages show values (templates import this). */
public final class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private Fmt() {}

  /** A time in UTC, or a dash for none. */
  public static String time(Instant t) {
    return t == null ? "–" : TIME.format(t);
  }

  /** The ISO form of a time for {@code <time datetime>}, or null (drops the attribute). */
  public static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  /** A value or a dash. */
  public static String or(Object v) {
    return v == null || v.toString().isEmpty() ? "–" : v.toString();
  }

  /** A link's query string: {@code base} with {@code page=n} added. */
  public static String pageLink(String base, int n) {
    return base + (base.contains("?") ? "&" : "?") + "page=" + n;
  }
}
