package ferry.agent;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** When a job fires next: its 5-field UNIX cron or macro, read in its IANA time zone. */
final class CronClock {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  /** The macros the server accepts, spelled as the 5-field crons they mean. */
  private static final Map<String, String> MACROS = Map.of(
      "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

  private final ExecutionTime times;
  private final ZoneId zone;

  /** @throws IllegalArgumentException for a schedule or zone this clock cannot read */
  CronClock(String schedule, String timezone) {
    String s = schedule.strip();
    String expr = MACROS.getOrDefault(s.toLowerCase(Locale.ROOT), s);
    this.times = ExecutionTime.forCron(PARSER.parse(expr));
    this.zone = ZoneId.of(timezone);
  }

  /** The first firing strictly after {@code after}, if the schedule has one. */
  Optional<Instant> nextAfter(Instant after) {
    return times.nextExecution(after.atZone(zone)).map(z -> z.toInstant());
  }
}
