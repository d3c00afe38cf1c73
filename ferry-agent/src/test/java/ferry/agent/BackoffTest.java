package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void delaysDoubleWithJitterBetweenHalfAndAllAndStopAtTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), RandomGenerator.of("L64X128MixRandom"));
    for (int attempt = 0; attempt < 40; attempt++) {
      long full = Math.min(5000, attempt >= 30 ? 5000 : 100L << attempt);
      for (int i = 0; i < 50; i++) assertThat(b.delay(attempt).toMillis()).isBetween(full / 2, full);
    }
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    assertThat(ServerApi.retryAfter("7")).contains(Duration.ofSeconds(7));
    assertThat(ServerApi.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
    assertThat(ServerApi.retryAfter("soon")).isEmpty();
  }
}
