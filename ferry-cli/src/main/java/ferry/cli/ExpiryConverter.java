package ferry.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an expiry given as an ISO-8601 instant ({@code 2026-12-31T23:59:59Z}), a date ({@code
 * 2026-12-31}, midnight UTC at its start), or a duration from now ({@code 30d}, {@code 12h}, {@code
 * 2w}, {@code P30D}).
 */
final class ExpiryConverter implements ITypeConverter<Instant> {
  static final String FORMS = "2026-12-31T23:59:59Z, 2026-12-31, 30d, 12h, 90m, 2w or P30D";
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smhdw])");
  private static final Map<String, ChronoUnit> UNITS =
      Map.of(
          "s", ChronoUnit.SECONDS,
          "m", ChronoUnit.MINUTES,
          "h", ChronoUnit.HOURS,
          "d", ChronoUnit.DAYS,
          "w", ChronoUnit.WEEKS);

  private final Clock clock;

  ExpiryConverter() {
    this(Clock.systemUTC());
  }

  ExpiryConverter(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String value) {
    Instant expiry = parse(value.strip());
    if (!expiry.isAfter(clock.instant())) {
      throw new TypeConversionException("'" + value + "' is not in the future");
    }
    return expiry;
  }

  private Instant parse(String value) {
    Matcher shortForm = SHORT.matcher(value.toLowerCase(Locale.ROOT));
    try {
      if (shortForm.matches()) {
        long amount = Long.parseLong(shortForm.group(1));
        return clock
            .instant()
            .plus(UNITS.get(shortForm.group(2)).getDuration().multipliedBy(amount));
      }
      if (value.startsWith("P") || value.startsWith("p")) {
        return clock.instant().plus(Duration.parse(value));
      }
      if (value.length() == "2026-12-31".length()) {
        return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a time or duration; use " + FORMS);
    }
  }
}
