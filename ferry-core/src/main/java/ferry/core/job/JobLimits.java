package ferry.core.job;

import ferry.core.auth.RateLimiter;

/**
 * What one caller may ask of the job queue (issue 10: a jobs key could fill the disk).
 *
 * @param maxParamsChars the names and values of a job's params together, in characters
 * @param startsPerSecond job starts per second each jobs-scope API key may make on this node; 0
 *     for no limit. Admins (admin keys and accounts) are not limited: they may delete anything
 *     anyway, and the jobs benchmark drives hundreds of starts a second with an admin key.
 * @param startBurst starts a key may make at once before the rate applies
 */
public record JobLimits(int maxParamsChars, double startsPerSecond, int startBurst) {
  public static final int DEFAULT_MAX_PARAMS_CHARS = 64 * 1024;
  /**
   * Params are stored as JSON in a column of 1 MiB characters; escaping (at most 6 characters per
   * character) and quoting (at most 6 per name-value pair) keep {@code 12 * max + 6} under it.
   */
  public static final int MAX_PARAMS_CHARS = 80 * 1024;
  public static final double DEFAULT_STARTS_PER_SECOND = 10;
  public static final int DEFAULT_START_BURST = 20;

  public JobLimits {
    if (maxParamsChars < 1 || maxParamsChars > MAX_PARAMS_CHARS)
      throw new IllegalArgumentException(
          "the params limit must be 1 to " + MAX_PARAMS_CHARS + " characters, got " + maxParamsChars);
    new RateLimiter.Limit(startsPerSecond, startBurst); // validates the pair
  }

  public static JobLimits defaults() {
    return new JobLimits(DEFAULT_MAX_PARAMS_CHARS, DEFAULT_STARTS_PER_SECOND, DEFAULT_START_BURST);
  }

  /** The rate limit on job starts per API key. */
  public RateLimiter.Limit startLimit() {
    return new RateLimiter.Limit(startsPerSecond, startBurst);
  }

  public JobLimits withMaxParamsChars(int chars) {
    return new JobLimits(chars, startsPerSecond, startBurst);
  }

  public JobLimits withStartRate(double perSecond, int burst) {
    return new JobLimits(maxParamsChars, perSecond, burst);
  }
}
