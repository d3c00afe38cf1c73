package ferry.web.client.files;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the file pages write sizes and times. */
public final class Formats {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private Formats() {}

  /** {@code 1.5 MiB} (in the locale's digits). */
  public static String size(long bytes, Locale locale) {
    if (bytes < 1024) return bytes + " B";
    double v = bytes;
    int unit = 0;
    while (v >= 1024 && unit < UNITS.length - 1) {
      v /= 1024;
      unit++;
    }
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMaximumFractionDigits(1);
    return f.format(v) + " " + UNITS[unit];
  }

  /** A whole number in the locale's grouping. */
  public static String count(long n, Locale locale) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }

  /** {@code 2026-12-06 19:54} (UTC), as the listing shows it. */
  public static String time(Instant t) {
    return SHOWN.format(t) + " UTC";
  }

  /** The machine-readable form for {@code <time datetime>}. */
  public static String iso(Instant t) {
    return t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
