package ferry.core.job;

import java.time.Duration;

/**
 * How long finished jobs (completed, failed, cancelled, interrupted) and their logs are kept. Their
 * transfer records are kept regardless: they are the audit proof of what moved.
 *
 * @param maxAge jobs that finished longer ago are deleted; {@link Duration#ZERO} keeps any age
 * @param keepNewest only this many of the newest finished jobs are kept; 0 keeps any number
 */
public record JobRetention(Duration maxAge, int keepNewest) {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
  public static final int DEFAULT_KEEP_NEWEST = 10_000;

  public JobRetention {
    if (maxAge == null || maxAge.isNegative())
      throw new IllegalArgumentException("the job retention age must be 0 (keep any age) or more, got " + maxAge);
    if (keepNewest < 0)
      throw new IllegalArgumentException("the job retention count must be 0 (keep any number) or more, got " + keepNewest);
  }

  public static JobRetention defaults() {
    return new JobRetention(DEFAULT_MAX_AGE, DEFAULT_KEEP_NEWEST);
  }

  /** True when nothing is ever deleted. */
  public boolean keepsEverything() {
    return maxAge.isZero() && keepNewest == 0;
  }
}
