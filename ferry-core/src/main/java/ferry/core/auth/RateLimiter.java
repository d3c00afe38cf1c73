package ferry.core.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: a key may take {@code burst} at once, then {@code perSecond} on average.
 * The buckets live in this node's memory, so on a cluster each node grants its own share.
 */
public final class RateLimiter {
  // Past this many keys, buckets that refilled completely (idle keys) are dropped: bounded memory.
  private static final int SWEEP_ABOVE = 10_000;

  /**
   * How fast one key may go.
   *
   * @param perSecond tokens added per second; 0 turns the limit off
   * @param burst tokens a key may spend at once (the bucket's size), at least 1 when limited
   */
  public record Limit(double perSecond, int burst) {
    public Limit {
      if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond))
        throw new IllegalArgumentException("the rate must be 0 (no limit) or more, got " + perSecond);
      if (perSecond > 0 && burst < 1)
        throw new IllegalArgumentException("the burst must be at least 1, got " + burst);
    }

    /** No limit at all. */
    public static Limit none() {
      return new Limit(0, 0);
    }

    public boolean isOff() {
      return perSecond == 0;
    }
  }

  private record Bucket(double tokens, Instant at) {}

  private final Limit limit;
  private final Clock clock;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(Limit limit, Clock clock) {
    this.limit = requireNonNull(limit, "No limit");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Takes one token of {@code key}.
   *
   * @return {@link Duration#ZERO} when taken; else how long until a token is there (nothing taken)
   */
  public Duration tryAcquire(String key) {
    if (limit.isOff()) return Duration.ZERO;
    Instant now = clock.instant();
    Duration[] wait = {Duration.ZERO};
    buckets.compute(key, (k, b) -> {
      double tokens = refilled(b, now);
      if (tokens >= 1) return new Bucket(tokens - 1, now);
      wait[0] = Duration.ofNanos((long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9));
      return new Bucket(tokens, now);
    });
    if (buckets.size() > SWEEP_ABOVE) sweep(now);
    return wait[0];
  }

  private double refilled(Bucket b, Instant now) {
    if (b == null) return limit.burst();
    double seconds = Math.max(0, Duration.between(b.at(), now).toNanos() / 1e9);
    return Math.min(limit.burst(), b.tokens() + seconds * limit.perSecond());
  }

  private void sweep(Instant now) {
    buckets.entrySet().removeIf(e -> refilled(e.getValue(), now) >= limit.burst());
  }
}
