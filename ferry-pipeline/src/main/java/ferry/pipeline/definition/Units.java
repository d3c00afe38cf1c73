package ferry.pipeline.definition;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Sizes and durations as people write them. Sizes: an integer (bytes) or a number with a unit,
 * decimal ("KB" = 1000) or binary ("KiB" = 1024), e.g. "10KB", "5 MiB", "1.5GB". Durations:
 * "500ms", "30s", "5m", "2h", "1d", sums such as "1h30m", or ISO-8601 ("PT30S", "P1D").
 */
final class Units {
  private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]i?)?(b)?\\s*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
  private static final Pattern PARTS = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d)\\s*)+");
  private static final Map<String, Long> FACTORS = Map.of(
      "k", 1000L, "m", 1000L * 1000, "g", 1000L * 1000 * 1000, "t", 1000L * 1000 * 1000 * 1000,
      "ki", 1L << 10, "mi", 1L << 20, "gi", 1L << 30, "ti", 1L << 40);

  private Units() {}

  /** Bytes of a size given as a number or text; empty when it is neither a size nor in range. */
  static Optional<Long> bytes(Object value) {
    if (value instanceof Number n) return n.longValue() >= 0 ? Optional.of(n.longValue()) : Optional.empty();
    if (!(value instanceof String s)) return Optional.empty();
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) return Optional.empty();
    long factor = m.group(2) == null ? 1 : FACTORS.get(m.group(2).toLowerCase(Locale.ROOT));
    try {
      return Optional.of(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor)).longValueExact());
    } catch (ArithmeticException e) { // a fraction of a byte, or more than a long holds
      return Optional.empty();
    }
  }

  /** A size node as Units reads it: a long, text, or null for anything else (a number past a long too). */
  static Object plain(JsonNode v) {
    if (v.isIntegralNumber()) return v.canConvertToLong() ? v.longValue() : null;
    return v.isString() ? v.asString() : null;
  }

  /** A duration as text; empty when it is not one. */
  static Optional<Duration> duration(Object value) {
    if (!(value instanceof String text)) return Optional.empty();
    String s = text.strip();
    if (s.isEmpty()) return Optional.empty();
    if (s.charAt(0) == 'P' || s.charAt(0) == 'p') {
      try {
        Duration d = Duration.parse(s);
        return d.isNegative() ? Optional.empty() : Optional.of(d);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    if (!PARTS.matcher(s).matches()) return Optional.empty();
    Matcher m = PART.matcher(s.replace(" ", ""));
    Duration total = Duration.ZERO;
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.of(total);
  }
}
