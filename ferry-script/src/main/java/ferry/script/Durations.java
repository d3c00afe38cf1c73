package ferry.script;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in log lines: {@code 250 ms}, {@code 2s}, {@code 1.5s}. */
final class Durations {
  private Durations() {}

  static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return String.format(Locale.ROOT, "%.3fs", millis / 1000.0).replaceAll("0+s$", "s");
  }
}
