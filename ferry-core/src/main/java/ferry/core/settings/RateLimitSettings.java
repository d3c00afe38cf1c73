package ferry.core.settings;

import ferry.core.error.ValidationException;
import java.util.Map;

/**
 * Requests per minute the orchestration face (/api) grants each caller, by class (seed 003): the
 * public (unauthenticated calls, per client address), authenticated people (admins and customers,
 * per account) and agents (per agent). Each node counts on its own, so behind a load balancer a
 * caller may get up to this many per node.
 */
public record RateLimitSettings(long publicPerMinute, long authenticatedPerMinute, long agentPerMinute) {
  /** The seed's limits. */
  public static final RateLimitSettings DEFAULTS = new RateLimitSettings(10, 60, 300);
  /** Above this a limit means nothing (and bucket sizes stay sane). */
  public static final long MAX = 100_000_000L;

  public RateLimitSettings {
    check("rateLimitPublic", publicPerMinute);
    check("rateLimitAuthenticated", authenticatedPerMinute);
    check("rateLimitAgent", agentPerMinute);
  }

  private static void check(String field, long v) {
    if (v < 1 || v > MAX)
      throw new ValidationException(field + " must be between 1 and " + MAX + " requests per minute, got " + v,
          Map.of("field", field));
  }
}
