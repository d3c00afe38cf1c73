package ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.ApiKeyServiceTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

  private void advance(Duration d) {
    clock.now = clock.now.plus(d);
  }

  @Test
  void aKeyMaySpendItsBurstThenWaitsForTheRate() {
    RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(10, 3), clock);
    for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("key:a")).isZero();

    assertThat(limiter.tryAcquire("key:a")).isEqualTo(Duration.ofMillis(100));
    advance(Duration.ofMillis(40));
    assertThat(limiter.tryAcquire("key:a")).isEqualTo(Duration.ofMillis(60));
    advance(Duration.ofMillis(60));
    assertThat(limiter.tryAcquire("key:a")).isZero();
    assertThat(limiter.tryAcquire("key:a")).isPositive();
  }

  @Test
  void eachKeyHasItsOwnBucketAndAnIdleBucketRefillsOnlyToTheBurst() {
    RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(1, 2), clock);
    assertThat(limiter.tryAcquire("key:a")).isZero();
    assertThat(limiter.tryAcquire("key:a")).isZero();
    assertThat(limiter.tryAcquire("key:a")).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("key:b")).isZero();

    advance(Duration.ofHours(1));
    assertThat(limiter.tryAcquire("key:a")).isZero();
    assertThat(limiter.tryAcquire("key:a")).isZero();
    assertThat(limiter.tryAcquire("key:a")).isPositive();
  }

  @Test
  void aRejectedAttemptTakesNoToken() {
    RateLimiter limiter = new RateLimiter(new RateLimiter.Limit(1, 1), clock);
    assertThat(limiter.tryAcquire("k")).isZero();
    for (int i = 0; i < 50; i++) assertThat(limiter.tryAcquire("k")).isPositive();
    advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("k")).isZero();
  }

  @Test
  void aRateOfZeroIsNoLimitAndBadLimitsAreRefused() {
    RateLimiter off = new RateLimiter(RateLimiter.Limit.none(), clock);
    for (int i = 0; i < 10_000; i++) assertThat(off.tryAcquire("k")).isZero();
    assertThatThrownBy(() -> new RateLimiter.Limit(-1, 5)).hasMessageContaining("0 (no limit) or more");
    assertThatThrownBy(() -> new RateLimiter.Limit(5, 0)).hasMessageContaining("burst must be at least 1");
  }
}
