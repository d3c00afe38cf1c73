package ferry.core;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as a person reads them in a log line: {@code 1.2 MiB}, {@code 3.4 s}. */
public final class ReadableUnits {
  private static final String[] BINARY = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private ReadableUnits() {}

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 1.2 MiB}, ...: bytes below 1 KiB exactly, above in binary units. */
  public static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < BINARY.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, BINARY[unit]);
  }

  /** {@code 12 ms}, {@code 3.4 s}, {@code 2 min 5 s}, {@code 1 h 2 min}. */
  public static String duration(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s < 3600) {
      return s / 60 + " min " + s % 60 + " s";
    }
    return s / 3600 + " h " + s % 3600 / 60 + " min";
  }
}
