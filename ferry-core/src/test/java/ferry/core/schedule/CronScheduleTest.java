package ferry.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ValidationException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static final Instant NOON = Instant.parse("2026-12-06T12:07:30Z"); // a Sunday

  @Test
  void fiveFieldsFireAtTheNextMatchingMinute() {
    assertThat(CronSchedule.of("*/15 * * * *", null).next(NOON)).contains(Instant.parse("2026-12-06T12:15:00Z"));
    assertThat(CronSchedule.of("* * * * *", "UTC").next(NOON)).contains(Instant.parse("2026-12-06T12:08:00Z"));
    assertThat(CronSchedule.of("0 9 * * 1", "UTC").next(NOON)).contains(Instant.parse("2026-12-07T09:00:00Z"));
  }

  @Test
  void nextIsStrictlyAfter() {
    Instant quarter = Instant.parse("2026-12-06T12:15:00Z");
    assertThat(CronSchedule.of("*/15 * * * *", "UTC").next(quarter)).contains(Instant.parse("2026-12-06T12:30:00Z"));
  }

  @Test
  void macrosExpand() {
    assertThat(CronSchedule.of("@hourly", null).next(NOON)).contains(Instant.parse("2026-12-06T13:00:00Z"));
    assertThat(CronSchedule.of("@daily", null).next(NOON)).contains(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(CronSchedule.of("@midnight", null).next(NOON)).contains(Instant.parse("2026-12-07T00:00:00Z"));
    assertThat(CronSchedule.of("@weekly", null).next(NOON)).contains(Instant.parse("2026-12-13T00:00:00Z"));
    assertThat(CronSchedule.of("@monthly", null).next(NOON)).contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(CronSchedule.of("@yearly", null).next(NOON)).contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(CronSchedule.of("@DAILY", null).expression()).isEqualTo("@DAILY");
  }

  @Test
  void theZoneDecidesWhenLocalTimesFall() {
    // midnight in Paris is 23:00 UTC in winter; 09:00 in New York is 14:00 UTC
    assertThat(CronSchedule.of("@daily", "Europe/Paris").next(NOON)).contains(Instant.parse("2026-12-06T23:00:00Z"));
    assertThat(CronSchedule.of("0 9 * * *", "America/New_York").next(NOON))
        .contains(Instant.parse("2026-12-06T14:00:00Z"));
    // across the spring change, 09:00 in Paris moves from 08:00 to 07:00 UTC
    assertThat(CronSchedule.of("0 9 * * *", "Europe/Paris").next(Instant.parse("2027-03-28T00:30:00Z")))
        .contains(Instant.parse("2027-03-28T07:00:00Z"));
  }

  @Test
  void timezoneDefaultsToUtc() {
    assertThat(CronSchedule.of("0 0 * * *", null).timezone()).isEqualTo("UTC");
  }

  @Test
  void aBadMinuteNamesTheScheduleAndTheMinuteField() {
    assertThatThrownBy(() -> CronSchedule.of("61 * * * *", "UTC"))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.details()).containsEntry("field", "schedule").containsEntry("cronField", "minute");
          assertThat(e.getMessage()).contains("minute").contains("61");
        });
  }

  @Test
  void eachFieldIsNamed() {
    assertThat(cronField("* 24 * * *")).isEqualTo("hour");
    assertThat(cronField("* * 32 * *")).isEqualTo("day-of-month");
    assertThat(cronField("* * * 13 *")).isEqualTo("month");
    assertThat(cronField("* * * * 9")).isEqualTo("day-of-week");
    assertThat(cronField("x * * * *")).isEqualTo("minute");
  }

  @Test
  void wrongShapesAndMacrosAreRefusedOnTheScheduleField() {
    for (String bad : new String[] {"* * * *", "0 * * * * *", "@often", "", "   "}) {
      assertThatThrownBy(() -> CronSchedule.of(bad, "UTC")).as(bad)
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.details()).containsEntry("field", "schedule"));
    }
  }

  @Test
  void unknownZonesAreRefusedOnTheTimezoneField() {
    for (String bad : new String[] {"Mars/Olympus", "+02:00", "", "utc"}) {
      assertThatThrownBy(() -> CronSchedule.of("@daily", bad)).as(bad)
          .isInstanceOfSatisfying(ValidationException.class,
              e -> assertThat(e.details()).containsEntry("field", "timezone"));
    }
  }

  @Test
  void periodIsTheGapToTheNextFiring() {
    Instant t = Instant.parse("2026-12-06T12:00:00Z");
    assertThat(CronSchedule.of("* * * * *", "UTC").periodAfter(t)).isEqualTo(Duration.ofMinutes(1));
    assertThat(CronSchedule.of("@hourly", "UTC").periodAfter(t)).isEqualTo(Duration.ofHours(1));
  }

  private static String cronField(String expr) {
    try {
      CronSchedule.of(expr, "UTC");
    } catch (ValidationException e) {
      return String.valueOf(e.details().get("cronField"));
    }
    throw new AssertionError(expr + " was accepted");
  }
}
