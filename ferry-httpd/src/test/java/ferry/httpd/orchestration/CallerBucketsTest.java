package ferry.httpd.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-caller buckets stay bounded: idle ones are forgotten, and a flood of callers is capped. */
class CallerBucketsTest {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Test
  void idleBucketsAreSweptAfterAMinute() {
    CallerBuckets b = new CallerBuckets(1000, nanos::get);
    b.of("idle", 10).tryConsume(10);
    nanos.addAndGet(Duration.ofSeconds(20).toNanos());
    b.of("busy", 10);
    nanos.addAndGet(Duration.ofSeconds(50).toNanos()); // idle 70 s, busy 50 s
    b.of("busy", 10);
    assertThat(b.peek("idle")).isNull();
    assertThat(b.peek("busy")).isNotNull();
  }

  @Test
  void aFloodOfCallersIsCapped() {
    CallerBuckets b = new CallerBuckets(100, nanos::get);
    for (int i = 0; i < 10_000; i++) b.of("caller-" + i, 10);
    assertThat(b.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void aBucketHoldsItsLimitAndRefusesPastIt() {
    CallerBuckets b = new CallerBuckets(100, nanos::get);
    for (int i = 0; i < 10; i++) assertThat(b.of("c", 10).tryConsume(1)).isTrue();
    assertThat(b.of("c", 10).tryConsume(1)).isFalse();
  }

  @Test
  void aFailingSettingKeepsTheLastValue() {
    AtomicLong reads = new AtomicLong();
    CachedSetting<Long> s = new CachedSetting<>(() -> {
      if (reads.incrementAndGet() > 1) throw new IllegalStateException("database down");
      return 42L;
    }, 7L, Duration.ofSeconds(5), nanos::get);
    assertThat(s.get()).isEqualTo(42L);
    assertThat(s.get()).isEqualTo(42L);
    assertThat(reads).hasValue(1);
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    assertThat(s.get()).isEqualTo(42L);
    assertThat(reads).hasValue(2);
  }

  @Test
  void anIpv6ClientIsCountedByItsSlash64() {
    assertThat(RateLimits.publicCaller("203.0.113.7")).isEqualTo("203.0.113.7");
    assertThat(RateLimits.publicCaller("2001:db8:1:2::1")).isEqualTo(RateLimits.publicCaller("2001:db8:1:2:ffff::9"))
        .isEqualTo("20010db800010002::/64");
    assertThat(RateLimits.publicCaller("2001:db8:1:3::1")).isNotEqualTo(RateLimits.publicCaller("2001:db8:1:2::1"));
    assertThat(RateLimits.publicCaller("not an address")).isEqualTo("not an address");
  }
}
