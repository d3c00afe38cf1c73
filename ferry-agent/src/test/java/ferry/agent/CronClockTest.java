package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronClockTest {
  @Test
  void fiveFieldCronInUtc() {
    assertThat(new CronClock("*/15 * * * *", "UTC").nextAfter(Instant.parse("2026-01-01T10:07:30Z")))
        .contains(Instant.parse("2026-01-01T10:15:00Z"));
  }

  @Test
  void everyMinuteIsStrictlyAfter() {
    assertThat(new CronClock("* * * * *", "UTC").nextAfter(Instant.parse("2026-01-01T10:07:00Z")))
        .contains(Instant.parse("2026-01-01T10:08:00Z"));
  }

  @Test
  void macrosAndTheJobsTimeZone() {
    // midnight in Johannesburg (UTC+2) is 22:00 UTC the day before
    assertThat(new CronClock("@daily", "Africa/Johannesburg").nextAfter(Instant.parse("2026-03-01T12:00:00Z")))
        .contains(Instant.parse("2026-03-01T22:00:00Z"));
    assertThat(new CronClock("@hourly", "UTC").nextAfter(Instant.parse("2026-03-01T12:00:01Z")))
        .contains(Instant.parse("2026-03-01T13:00:00Z"));
  }

  @Test
  void badSchedulesAndZonesAreRefused() {
    assertThatThrownBy(() -> new CronClock("61 * * * *", "UTC")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CronClock("* * * * *", "Mars/Olympus")).isInstanceOf(RuntimeException.class);
  }
}
