package ferry.core.error;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** The caller went past a rate limit; it may try again after {@link #retryAfter()}. */
public final class RateLimitedException extends FerryException {
  private final Duration retryAfter;

  public RateLimitedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = requireNonNull(retryAfter, "No retry delay");
  }

  /** How long the caller should wait before the next attempt can succeed. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
