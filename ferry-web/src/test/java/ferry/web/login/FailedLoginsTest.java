package ferry.web.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {
  /** A clock the test moves. */
  static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-12-06T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void tenFailuresInAMinuteStopAnAddressUntilTheOldestIsAMinuteOld() {
    StepClock clock = new StepClock();
    FailedLogins f = new FailedLogins(clock);
    for (int i = 0; i < FailedLogins.LIMIT; i++) {
      assertThat(f.wait("10.0.0.1")).isZero();
      f.failed("10.0.0.1");
      clock.now = clock.now.plusSeconds(1);
    }
    assertThat(f.wait("10.0.0.1")).isEqualTo(Duration.ofSeconds(50));
    assertThat(f.wait("10.0.0.2")).as("another address").isZero();
    clock.now = clock.now.plusSeconds(51);
    assertThat(f.wait("10.0.0.1")).isZero();
  }

  @Test
  void successfulLoginsAreNeverCounted() {
    FailedLogins f = new FailedLogins(new StepClock());
    for (int i = 0; i < 1000; i++) assertThat(f.wait("10.0.0.1")).isZero();
  }
}
