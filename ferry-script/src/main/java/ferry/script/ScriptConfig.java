package ferry.script;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Limits of the script engine, the {@code script} section of {@code ferry.yaml}.
 *
 * @param defaultTimeLimit wall-clock limit of a run that does not set its own
 * @param maxLogLines lines a run may log; further lines are dropped and counted
 * @param maxLogLineLength characters kept of one log line
 * @param maxHttpBodyBytes bytes kept of one HTTP response body
 * @param defaultHttpTimeout limit of one HTTP exchange when the script sets no {@code Timeout}
 * @param httpConnectTimeout limit for opening an HTTP connection
 * @param runMemoryLimit bytes the script thread of one run may allocate in all, 0 for no limit;
 *     allocation is counted, not what the script keeps (see {@link MemoryGuard})
 * @param heapLimit share of the maximum heap, in use after a garbage collection, above which the
 *     run that allocates fastest is cancelled
 */
public record ScriptConfig(
    Duration defaultTimeLimit,
    int maxLogLines,
    int maxLogLineLength,
    long maxHttpBodyBytes,
    Duration defaultHttpTimeout,
    Duration httpConnectTimeout,
    long runMemoryLimit,
    double heapLimit) {
  /** Default of {@code script.default_time_limit}. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(1);

  /** Default of {@code script.max_log_lines}. */
  public static final int DEFAULT_MAX_LOG_LINES = 10_000;

  /** Default of {@code script.max_log_line_length}. */
  public static final int DEFAULT_MAX_LOG_LINE_LENGTH = 4_096;

  /** Default of {@code script.max_http_body_bytes}: 16 MiB. */
  public static final long DEFAULT_MAX_HTTP_BODY_BYTES = 16L * 1024 * 1024;

  /** Default of {@code script.default_http_timeout}. */
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(60);

  /** Default of {@code script.http_connect_timeout}. */
  public static final Duration DEFAULT_HTTP_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Default of {@code script.run_memory_limit}: none; the heap limit still applies. */
  public static final long DEFAULT_RUN_MEMORY_LIMIT = 0;

  /**
   * The smallest {@code script.run_memory_limit} but 0: the first run on an engine allocates some
   * 50 MiB to set GraalJS up, a small run later a few hundred KiB.
   */
  public static final long MIN_RUN_MEMORY_LIMIT = 64L * 1024 * 1024;

  /** Default of {@code script.heap_limit}: 85 % of the maximum heap. */
  public static final double DEFAULT_HEAP_LIMIT = 0.85;

  // A body is held in one byte array, so it cannot exceed what an array can hold.
  private static final long MAX_BODY_ARRAY = Integer.MAX_VALUE - 8;

  /** Validates every limit, naming the configuration key of a bad value. */
  public ScriptConfig {
    positive("script.default_time_limit", defaultTimeLimit);
    positive("script.default_http_timeout", defaultHttpTimeout);
    positive("script.http_connect_timeout", httpConnectTimeout);
    if (maxLogLines < 1) {
      throw new IllegalArgumentException("script.max_log_lines must be at least 1");
    }
    if (maxLogLineLength < 16) {
      throw new IllegalArgumentException("script.max_log_line_length must be at least 16");
    }
    if (maxHttpBodyBytes < 1 || maxHttpBodyBytes > MAX_BODY_ARRAY) {
      throw new IllegalArgumentException(
          "script.max_http_body_bytes must be between 1 and " + MAX_BODY_ARRAY);
    }
    if (runMemoryLimit != 0 && runMemoryLimit < MIN_RUN_MEMORY_LIMIT) {
      throw new IllegalArgumentException(
          "script.run_memory_limit must be 0 (none) or at least "
              + MIN_RUN_MEMORY_LIMIT
              + " bytes");
    }
    if (!(heapLimit >= 0.1 && heapLimit <= 1)) {
      throw new IllegalArgumentException("script.heap_limit must be between 0.1 and 1");
    }
  }

  /** Returns the shipped defaults. */
  public static ScriptConfig defaults() {
    return new ScriptConfig(
        DEFAULT_TIME_LIMIT,
        DEFAULT_MAX_LOG_LINES,
        DEFAULT_MAX_LOG_LINE_LENGTH,
        DEFAULT_MAX_HTTP_BODY_BYTES,
        DEFAULT_HTTP_TIMEOUT,
        DEFAULT_HTTP_CONNECT_TIMEOUT,
        DEFAULT_RUN_MEMORY_LIMIT,
        DEFAULT_HEAP_LIMIT);
  }

  /** Returns this configuration with {@code runMemoryLimit} set; 0 for no limit. */
  public ScriptConfig withRunMemoryLimit(long bytes) {
    return new ScriptConfig(
        defaultTimeLimit,
        maxLogLines,
        maxLogLineLength,
        maxHttpBodyBytes,
        defaultHttpTimeout,
        httpConnectTimeout,
        bytes,
        heapLimit);
  }

  private static void positive(String key, Duration value) {
    requireNonNull(value, "No " + key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + value);
    }
  }
}
