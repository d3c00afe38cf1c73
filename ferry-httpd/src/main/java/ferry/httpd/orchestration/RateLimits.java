package ferry.httpd.orchestration;

import ferry.core.auth.Cidr;
import ferry.core.error.RateLimitedException;
import ferry.core.settings.RateLimitSettings;
import ferry.core.settings.SettingsService;
import ferry.httpd.common.ErrorMapper;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * The orchestration face's rate limits (seed 003), per minute and per caller: the public (no
 * credentials, or refused ones, or an unknown path) per client address, admins and customers per
 * account, agents per agent; the numbers are runtime settings ({@link RateLimitSettings}). Every /api
 * response carries {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code
 * X-RateLimit-Reset}; past the limit it is a 429 with {@code Retry-After}.
 *
 * <p>Each node counts in its own memory ({@link CallerBuckets}); no shared state, no extra round trip.
 */
public final class RateLimits {
  static final String LIMIT = "X-RateLimit-Limit";
  static final String REMAINING = "X-RateLimit-Remaining";
  static final String RESET = "X-RateLimit-Reset";
  /** How long a node goes on with the limits it read before it reads them again. */
  static final Duration SETTINGS_TTL = Duration.ofSeconds(5);
  /** Callers remembered at most, per node. */
  static final int MAX_CALLERS = 100_000;
  private static final String COUNTED = "ferry.api.rate-counted";

  enum Kind { PUBLIC, AUTHENTICATED, AGENT }

  /** A bucket's key: a changed limit starts callers on fresh buckets, and the old ones age out. */
  private record Key(Kind kind, String who, long perMinute) {}

  /** What one request got: whether it may go on, and the caller's allowance after it. */
  record Grant(boolean allowed, long limit, long remaining, long resetEpochSecond, Duration retryAfter) {}

  private final Supplier<RateLimitSettings> limits;
  private final CallerBuckets buckets;

  public RateLimits(SettingsService settings) {
    this(new CachedSetting<>(settings::rateLimits, RateLimitSettings.DEFAULTS, SETTINGS_TTL, System::nanoTime),
        new CallerBuckets(MAX_CALLERS, System::nanoTime));
  }

  RateLimits(Supplier<RateLimitSettings> limits, CallerBuckets buckets) {
    this.limits = limits;
    this.buckets = buckets;
  }

  /** After {@link OrchestrationAuth}, so the caller is known. */
  public void register(RoutesConfig r) {
    r.beforeMatched(OrchestrationAuth.PREFIX + "/*", this::spend);
    // requests that never reached spend: refused credentials, a ban, no such route
    r.after(OrchestrationAuth.PREFIX + "/*", this::settle);
  }

  void spend(Context ctx) {
    if (!OrchestrationAuth.isOrchestration(ctx.path())) return;
    ctx.attribute(COUNTED, Boolean.TRUE);
    if (ctx.path().equals(OrchestrationAuth.PREFIX + "/health")) { // a load balancer's probe is never refused
      headers(ctx, peek(ctx.ip()));
      return;
    }
    Grant g = ApiCaller.optional(ctx).map(this::take).orElseGet(() -> takePublic(ctx.ip()));
    headers(ctx, g);
    if (!g.allowed()) throw refusal(g);
  }

  void settle(Context ctx) {
    if (!OrchestrationAuth.isOrchestration(ctx.path()) || ctx.attribute(COUNTED) != null) return;
    Grant g = takePublic(ctx.ip());
    headers(ctx, g);
    if (!g.allowed()) ErrorMapper.ferry(refusal(g), ctx);
  }

  private Grant take(ApiCaller c) {
    RateLimitSettings l = limits.get();
    return switch (c.kind()) {
      case AGENT -> take(new Key(Kind.AGENT, c.agentId(), l.agentPerMinute()));
      // an admin and a customer may share a name; they are different accounts
      case ADMIN, CUSTOMER -> take(new Key(Kind.AUTHENTICATED, c.kind() + ":" + c.name(), l.authenticatedPerMinute()));
    };
  }

  private Grant takePublic(String ip) {
    return take(new Key(Kind.PUBLIC, publicCaller(ip), limits.get().publicPerMinute()));
  }

  /**
   * Whom the public allowance belongs to: an IPv4 address, or an IPv6 address's /64, since one
   * client usually holds a whole /64 and could otherwise take a fresh allowance per address.
   */
  static String publicCaller(String ip) {
    InetAddress a = Cidr.address(ip);
    if (!(a instanceof Inet6Address)) return ip;
    byte[] b = a.getAddress();
    return HexFormat.of().formatHex(b, 0, 8) + "::/64";
  }

  private Grant take(Key key) {
    ConsumptionProbe p = buckets.of(key, key.perMinute()).tryConsumeAndReturnRemaining(1);
    long nowMs = System.currentTimeMillis();
    return new Grant(p.isConsumed(), key.perMinute(), p.getRemainingTokens(),
        epochSecond(nowMs, p.getNanosToWaitForReset()), Duration.ofNanos(p.getNanosToWaitForRefill()));
  }

  /** The address's public allowance, unspent. */
  private Grant peek(String ip) {
    long limit = limits.get().publicPerMinute();
    Bucket b = buckets.peek(new Key(Kind.PUBLIC, publicCaller(ip), limit));
    long remaining = b == null ? limit : Math.min(limit, b.getAvailableTokens());
    long toFull = CallerBuckets.WINDOW.toNanos() / limit * (limit - remaining); // greedy: evenly over the window
    return new Grant(true, limit, remaining, epochSecond(System.currentTimeMillis(), toFull), Duration.ZERO);
  }

  private static long epochSecond(long nowMs, long plusNanos) {
    return Math.ceilDiv(nowMs + Math.ceilDiv(plusNanos, 1_000_000L), 1000L);
  }

  private static void headers(Context ctx, Grant g) {
    ctx.header(LIMIT, Long.toString(g.limit()));
    ctx.header(REMAINING, Long.toString(g.remaining()));
    ctx.header(RESET, Long.toString(g.resetEpochSecond()));
  }

  private static RateLimitedException refusal(Grant g) {
    return new RateLimitedException("rate limit exceeded: at most " + g.limit() + " requests per minute for this"
        + " caller; retry after the Retry-After seconds", g.retryAfter());
  }
}
