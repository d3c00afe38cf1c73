package ferry.core.auth;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * What the {@link ScoreDefender} knows about one source: its recent events, its ban, its live
 * connections and its connection-rate bucket. Times are epoch milliseconds of the defender's clock.
 */
final class DefenderHost {
  /** Whether a connection may go in, and if not, why. */
  enum Admission {
    OK,
    BANNED,
    RATE,
    LIMIT
  }

  private record Hit(long at, int score) {}

  // At most threshold hits, since reaching the threshold bans the source and clears them.
  private final ArrayDeque<Hit> hits = new ArrayDeque<>();
  private int score;
  private long bannedUntil;
  private int offences;
  private int connections;
  // Connection-rate bucket in thousandths of a connection, so that refills stay exact.
  private long milliTokens;
  private long refilledAt;
  private long lastSeen;

  DefenderHost(long now, DefenderConfig cfg) {
    this.milliTokens = cfg.connectionRatePerSecond() * 1000L;
    this.refilledAt = now;
    this.lastSeen = now;
  }

  synchronized boolean banned(long now) {
    return now < bannedUntil;
  }

  /**
   * Adds a scored event.
   *
   * @return true if it banned the source
   */
  synchronized boolean add(long now, int points, DefenderConfig cfg) {
    lastSeen = now;
    if (banned(now)) return false;
    prune(now, cfg);
    hits.addLast(new Hit(now, points));
    score += points;
    if (score < cfg.threshold()) return false;
    if (offences > 0 && now - bannedUntil > cfg.offenceMemory().toMillis()) offences = 0;
    offences++;
    bannedUntil = now + cfg.banTimeFor(offences).toMillis();
    hits.clear();
    score = 0;
    return true;
  }

  /** Admits a connection, counting it, or says why not; a refusal is not counted. */
  synchronized Admission connect(long now, DefenderConfig cfg) {
    lastSeen = now;
    if (banned(now)) return Admission.BANNED;
    int rate = cfg.connectionRatePerSecond();
    if (rate > 0) {
      milliTokens = Math.min(rate * 1000L, milliTokens + Math.max(0, now - refilledAt) * rate);
      refilledAt = now;
      if (milliTokens < 1000) return Admission.RATE;
    }
    if (cfg.maxConnectionsPerIp() > 0 && connections >= cfg.maxConnectionsPerIp()) return Admission.LIMIT;
    if (rate > 0) milliTokens -= 1000;
    connections++;
    return Admission.OK;
  }

  synchronized void release() {
    if (connections > 0) connections--;
  }

  synchronized int connections() {
    return connections;
  }

  synchronized long lastSeen() {
    return lastSeen;
  }

  /** Lifts a ban, clears the score and forgets past offences; true if it was banned. */
  synchronized boolean clear(long now) {
    boolean was = banned(now);
    bannedUntil = 0;
    offences = 0;
    hits.clear();
    score = 0;
    return was;
  }

  /** Nothing left worth remembering: no connection, ban, recent event, remembered offence or rate debt. */
  synchronized boolean idle(long now, DefenderConfig cfg) {
    if (connections > 0 || banned(now) || now - lastSeen < 1000) return false;
    prune(now, cfg);
    return hits.isEmpty() && (offences == 0 || now - bannedUntil > cfg.offenceMemory().toMillis());
  }

  /** May be forgotten to make room: neither connected nor banned. */
  synchronized boolean evictable(long now) {
    return connections == 0 && !banned(now);
  }

  /** This source's ban, for listings. */
  synchronized Defender.Ban ban(String ip) {
    return new Defender.Ban(ip, Instant.ofEpochMilli(bannedUntil), offences);
  }

  /** The score within the observation window (for tests and listings). */
  synchronized int score(long now, DefenderConfig cfg) {
    prune(now, cfg);
    return score;
  }

  private void prune(long now, DefenderConfig cfg) {
    long oldest = now - cfg.observationWindow().toMillis();
    while (!hits.isEmpty() && hits.peekFirst().at() <= oldest) score -= hits.removeFirst().score();
  }
}
