package ferry.web.admin.operations;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the operations pages write times, sizes and speeds: one place, used by the templates. */
public final class Fmt {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

  private Fmt() {}

  /** {@code 2026-12-06 19:55:57 UTC}; empty text for null. */
  public static String time(Instant t) {
    return t == null ? "" : TIME.format(t);
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  /** {@code 1.5 MiB}. */
  public static String bytes(long n) {
    double v = n;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
  }

  /** The average speed of {@code bytes} moved since {@code since}, e.g. {@code 2.0 MiB/s}. */
  public static String speed(long bytes, Instant since, Instant now) {
    long ms = Math.max(1, Duration.between(since, now).toMillis());
    return bytes(bytes * 1000 / ms) + "/s";
  }

  /** {@code 1:02:03} or {@code 2:03} since {@code since}. */
  public static String elapsed(Instant since, Instant now) {
    long s = Math.max(0, Duration.between(since, now).toSeconds());
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** {@code 1.234 s}. */
  public static String duration(Duration d) {
    return d == null ? "" : String.format(Locale.ROOT, "%.3f s", d.toMillis() / 1000.0);
  }
}
