package ferry.core.account;

import java.time.Instant;

/** What an account uses of its quota; {@code lastUpdate} is null when it never changed. */
public record QuotaUsage(long usedSize, long usedFiles, Instant lastUpdate) {
  public static final QuotaUsage NONE = new QuotaUsage(0, 0, null);
}
