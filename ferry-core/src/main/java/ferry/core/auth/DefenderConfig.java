package ferry.core.auth;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Defender.Event;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the {@link ScoreDefender} scores and bans.
 *
 * @param scores what each event adds to a source's score; 0 ignores the event
 * @param threshold the score within {@code observationWindow} that bans a source
 * @param observationWindow how long an event counts toward the score
 * @param banTime how long a first ban lasts
 * @param banGrowthFactor what each repeat offence multiplies the previous ban time by (1 = no growth)
 * @param maxBanTime the longest ban
 * @param offenceMemory how long after its last ban a source's repeat offences are remembered
 * @param maxConnectionsPerIp connections one source may hold at once; 0 for no limit
 * @param connectionRatePerSecond new connections one source may open per second (also the burst);
 *     0 for no limit
 * @param safeList sources that are never scored, banned or limited
 * @param maxHosts how many sources are tracked at most; the least recently seen idle ones are
 *     forgotten first
 */
public record DefenderConfig(
    Map<Event, Integer> scores,
    int threshold,
    Duration observationWindow,
    Duration banTime,
    int banGrowthFactor,
    Duration maxBanTime,
    Duration offenceMemory,
    int maxConnectionsPerIp,
    int connectionRatePerSecond,
    List<Cidr> safeList,
    int maxHosts) {

  public static final int DEFAULT_SCORE_LOGIN_FAILED = 2;
  public static final int DEFAULT_SCORE_NO_SUCH_USER = 2;
  public static final int DEFAULT_SCORE_BAD_REQUEST = 1;
  public static final int DEFAULT_SCORE_LIMIT_EXCEEDED = 3;
  public static final int DEFAULT_THRESHOLD = 15;
  public static final Duration DEFAULT_OBSERVATION_WINDOW = Duration.ofMinutes(30);
  public static final Duration DEFAULT_BAN_TIME = Duration.ofMinutes(30);
  public static final int DEFAULT_BAN_GROWTH_FACTOR = 2;
  public static final Duration DEFAULT_MAX_BAN_TIME = Duration.ofHours(24);
  public static final Duration DEFAULT_OFFENCE_MEMORY = Duration.ofHours(24);
  public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 20;
  public static final int DEFAULT_CONNECTION_RATE_PER_SECOND = 20;

  /**
   * None: behind a reverse proxy on the same machine every caller is loopback, so exempting it
   * would exempt everyone. The local CLI lifts a ban of this machine with its data-dir key instead.
   */
  public static final List<String> DEFAULT_SAFE_LIST = List.of();

  public static final int DEFAULT_MAX_HOSTS = 100_000;

  public DefenderConfig {
    requireNonNull(scores, "No scores");
    requireNonNull(observationWindow, "No observation window");
    requireNonNull(banTime, "No ban time");
    requireNonNull(maxBanTime, "No max ban time");
    requireNonNull(offenceMemory, "No offence memory");
    scores = Map.copyOf(scores);
    safeList = List.copyOf(safeList);
    for (Event e : Event.values()) {
      Integer s = scores.get(e);
      if (s == null || s < 0) throw new IllegalArgumentException("defender score of " + e + " must be 0 or more, got " + s);
    }
    if (threshold < 1) throw new IllegalArgumentException("defender threshold must be at least 1, got " + threshold);
    positive("observation window", observationWindow);
    positive("ban time", banTime);
    positive("offence memory", offenceMemory);
    if (banGrowthFactor < 1)
      throw new IllegalArgumentException("defender ban growth factor must be at least 1, got " + banGrowthFactor);
    if (maxBanTime.compareTo(banTime) < 0)
      throw new IllegalArgumentException("defender max ban time " + maxBanTime + " is shorter than the ban time " + banTime);
    if (maxConnectionsPerIp < 0)
      throw new IllegalArgumentException("defender max connections per IP must be 0 (no limit) or more, got " + maxConnectionsPerIp);
    if (connectionRatePerSecond < 0)
      throw new IllegalArgumentException("defender connection rate must be 0 (no limit) or more, got " + connectionRatePerSecond);
    if (maxHosts < 1) throw new IllegalArgumentException("defender max hosts must be at least 1, got " + maxHosts);
  }

  /** Every default. */
  public static DefenderConfig defaults() {
    return new DefenderConfig(defaultScores(), DEFAULT_THRESHOLD, DEFAULT_OBSERVATION_WINDOW, DEFAULT_BAN_TIME,
        DEFAULT_BAN_GROWTH_FACTOR, DEFAULT_MAX_BAN_TIME, DEFAULT_OFFENCE_MEMORY, DEFAULT_MAX_CONNECTIONS_PER_IP,
        DEFAULT_CONNECTION_RATE_PER_SECOND, DEFAULT_SAFE_LIST.stream().map(Cidr::parse).toList(), DEFAULT_MAX_HOSTS);
  }

  /** The default score of each event. */
  public static Map<Event, Integer> defaultScores() {
    Map<Event, Integer> m = new EnumMap<>(Event.class);
    m.put(Event.LOGIN_FAILED, DEFAULT_SCORE_LOGIN_FAILED);
    m.put(Event.NO_SUCH_USER, DEFAULT_SCORE_NO_SUCH_USER);
    m.put(Event.BAD_REQUEST, DEFAULT_SCORE_BAD_REQUEST);
    m.put(Event.LIMIT_EXCEEDED, DEFAULT_SCORE_LIMIT_EXCEEDED);
    return m;
  }

  /** A copy with another threshold. */
  public DefenderConfig withThreshold(int t) {
    return new DefenderConfig(scores, t, observationWindow, banTime, banGrowthFactor, maxBanTime, offenceMemory,
        maxConnectionsPerIp, connectionRatePerSecond, safeList, maxHosts);
  }

  /** A copy with another first ban time; the max ban time grows to it if shorter. */
  public DefenderConfig withBanTime(Duration b) {
    return new DefenderConfig(scores, threshold, observationWindow, b, banGrowthFactor,
        maxBanTime.compareTo(b) < 0 ? b : maxBanTime, offenceMemory, maxConnectionsPerIp, connectionRatePerSecond,
        safeList, maxHosts);
  }

  /** A copy with other per-IP connection limits (0 for none). */
  public DefenderConfig withConnectionLimits(int perIp, int ratePerSecond) {
    return new DefenderConfig(scores, threshold, observationWindow, banTime, banGrowthFactor, maxBanTime,
        offenceMemory, perIp, ratePerSecond, safeList, maxHosts);
  }

  /** A copy with another safe list. */
  public DefenderConfig withSafeList(List<Cidr> list) {
    return new DefenderConfig(scores, threshold, observationWindow, banTime, banGrowthFactor, maxBanTime,
        offenceMemory, maxConnectionsPerIp, connectionRatePerSecond, list, maxHosts);
  }

  /** A copy tracking at most {@code n} sources. */
  public DefenderConfig withMaxHosts(int n) {
    return new DefenderConfig(scores, threshold, observationWindow, banTime, banGrowthFactor, maxBanTime,
        offenceMemory, maxConnectionsPerIp, connectionRatePerSecond, safeList, n);
  }

  /** How long the ban for a source's {@code offence}-th offence (1-based) lasts. */
  public Duration banTimeFor(int offence) {
    Duration d = banTime;
    for (int i = 1; i < offence && d.compareTo(maxBanTime) < 0; i++) d = d.multipliedBy(banGrowthFactor);
    return d.compareTo(maxBanTime) > 0 ? maxBanTime : d;
  }

  private static void positive(String what, Duration d) {
    if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("defender " + what + " must be positive, got " + d);
  }
}
