package ferry.core.schedule;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import ferry.core.error.ValidationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a scheduled job fires: a users' 5-field cron (minute hour day-of-month month day-of-week,
 * the UNIX definition) or one of the macros, read in an IANA time zone. Every node computes the
 * same next times from the same two strings, so the value is kept as those strings.
 *
 * @param expression what the user wrote, e.g. {@code "0 2 * * *"} or {@code "@daily"}
 * @param timezone an IANA zone id, e.g. {@code "Europe/Paris"}
 */
public record CronSchedule(String expression, String timezone) {
  public static final String DEFAULT_TIMEZONE = "UTC";
  private static final int MAX_EXPRESSION = 200;
  private static final List<String> FIELDS = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
  private static final Map<String, String> MACROS = Map.of(
      "@hourly", "0 * * * *",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@weekly", "0 0 * * 0",
      "@monthly", "0 0 1 * *",
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *");
  private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
  private static final CronParser PARSER = new CronParser(UNIX);

  public CronSchedule {
    requireNonNull(expression, "No cron expression");
    requireNonNull(timezone, "No time zone");
  }

  /**
   * Checks and normalises a user's schedule ({@code timezone} null means UTC).
   *
   * @throws ValidationException naming field {@code schedule} (and the cron field at fault) or {@code timezone}
   */
  public static CronSchedule of(String expression, String timezone) {
    String tz = timezone == null ? DEFAULT_TIMEZONE : timezone.trim();
    zone(tz);
    if (expression == null || expression.isBlank()) throw invalid("schedule is required, e.g. \"0 2 * * *\" or \"@daily\"", null);
    if (expression.length() > MAX_EXPRESSION)
      throw invalid("schedule must be at most " + MAX_EXPRESSION + " characters", null);
    String expr = expression.trim().replaceAll("\\s+", " ");
    parse(expand(expr));
    return new CronSchedule(expr, tz);
  }

  /** The zone, checked as an IANA region id (UTC included; raw offsets are not zones people live in). */
  public ZoneId zone() {
    return zone(timezone);
  }

  /** The first firing strictly after {@code after}; empty for a schedule that never fires again (Feb 30). */
  public Optional<Instant> next(Instant after) {
    ZonedDateTime from = ZonedDateTime.ofInstant(after, zone());
    return ExecutionTime.forCron(parse(expand(expression))).nextExecution(from).map(ZonedDateTime::toInstant);
  }

  /**
   * How long the firing at {@code at} lasts until the next one: the lateness past which the skip
   * misfire policy drops a firing. A schedule without a next firing counts as one day.
   */
  public Duration periodAfter(Instant at) {
    return next(at).map(n -> Duration.between(at, n)).orElse(Duration.ofDays(1));
  }

  private static String expand(String expr) {
    if (!expr.startsWith("@")) return expr;
    String fields = MACROS.get(expr.toLowerCase(Locale.ROOT));
    if (fields == null)
      throw invalid("unknown schedule macro " + expr + "; use one of @hourly, @daily, @midnight, @weekly, @monthly,"
          + " @yearly, or 5 fields: minute hour day-of-month month day-of-week", null);
    return fields;
  }

  private static Cron parse(String fields) {
    String[] parts = fields.split(" ");
    if (parts.length != FIELDS.size())
      throw invalid("schedule must have 5 fields (minute hour day-of-month month day-of-week), got " + parts.length, null);
    // each field alone first, so the error names the field the user got wrong
    for (int i = 0; i < parts.length; i++) {
      String[] probe = {"*", "*", "*", "*", "*"};
      probe[i] = parts[i];
      try {
        PARSER.parse(String.join(" ", probe)).validate();
      } catch (IllegalArgumentException e) {
        throw invalid("schedule's " + FIELDS.get(i) + " field \"" + parts[i] + "\" is invalid: " + reason(e), FIELDS.get(i));
      }
    }
    try {
      return PARSER.parse(fields).validate();
    } catch (IllegalArgumentException e) {
      throw invalid("schedule \"" + fields + "\" is invalid: " + reason(e), null);
    }
  }

  private static String reason(IllegalArgumentException e) {
    String m = e.getMessage() == null ? "not a cron value" : e.getMessage();
    // cron-utils says "Failed to parse '...'. <reason>"; keep the reason, not the probe expression
    int dot = m.indexOf("'. ");
    return dot >= 0 ? m.substring(dot + 3) : m;
  }

  private static ZoneId zone(String tz) {
    if (tz.isEmpty() || !ZoneId.getAvailableZoneIds().contains(tz))
      throw new ValidationException("timezone must be an IANA time zone such as UTC or Europe/Paris, got \"" + tz + "\"",
          Map.of("field", "timezone"));
    try {
      return ZoneId.of(tz);
    } catch (DateTimeException e) {
      throw new ValidationException("timezone " + tz + " is not known: " + e.getMessage(), Map.of("field", "timezone"));
    }
  }

  private static ValidationException invalid(String message, String cronField) {
    return new ValidationException(message,
        cronField == null ? Map.of("field", "schedule") : Map.of("field", "schedule", "cronField", cronField));
  }
}
