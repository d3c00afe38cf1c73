package ferry.agent;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code base * 2^n}, capped at {@code max}, so that agents cut off together do not return
 * together.
 */
final class Backoff {
  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), RandomGenerator.getDefault());

  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  Duration delay(int attempt) {
    long cap = max.toMillis();
    long exp = attempt >= 30 ? cap : Math.min(cap, base.toMillis() << attempt);
    long half = exp / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
