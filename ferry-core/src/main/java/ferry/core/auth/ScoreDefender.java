package ferry.core.auth;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Defender} of one node, in memory: a score per source IP over a sliding window, bans
 * that grow with repeat offences, and per-IP connection count and rate limits. Bans are not shared
 * between nodes and do not survive a restart.
 *
 * <p>Memory is bounded: idle sources are swept once a minute, and past {@link
 * DefenderConfig#maxHosts()} the least recently seen sources that are neither banned nor connected
 * are forgotten. If every tracked source is banned or connected, a new source goes untracked (let
 * in, not scored) rather than evicting a ban.
 */
public final class ScoreDefender implements Defender {
  static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
  private static final Duration FULL_RETRY_INTERVAL = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(ScoreDefender.class);
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Lease UNTRACKED = () -> {};

  private final DefenderConfig cfg;
  private final Clock clock;
  private final ConcurrentHashMap<String, DefenderHost> hosts = new ConcurrentHashMap<>();
  private final ReentrantLock sweeping = new ReentrantLock();
  private final List<BanListener> banListeners = new CopyOnWriteArrayList<>();
  private volatile long nextSweep;
  private volatile long nextMakeRoom;

  public ScoreDefender(DefenderConfig cfg, Clock clock) {
    this.cfg = requireNonNull(cfg, "No defender config");
    this.clock = requireNonNull(clock, "No clock");
    this.nextSweep = clock.millis() + SWEEP_INTERVAL.toMillis();
  }

  /** The configuration in force. */
  public DefenderConfig config() {
    return cfg;
  }

  @Override
  public boolean isBanned(String ip) {
    Source s = Source.of(ip);
    if (safe(s)) return false;
    DefenderHost h = hosts.get(s.key());
    return h != null && h.banned(clock.millis());
  }

  @Override
  public void record(String ip, Event event) {
    requireNonNull(event, "No event");
    Source s = Source.of(ip);
    int points = cfg.scores().get(event);
    if (points == 0 || safe(s)) return;
    long now = housekeep(s.key());
    boolean[] banned = {false};
    hosts.compute(s.key(), (k, h) -> {
      DefenderHost host = h != null ? h : newHost(now);
      if (host != null) banned[0] = host.add(now, points, cfg);
      return host;
    });
    if (banned[0]) announceBan(s.key(), event);
  }

  @Override
  public Optional<Lease> admit(String ip) {
    Source s = Source.of(ip);
    if (safe(s)) return Optional.of(UNTRACKED);
    long now = housekeep(s.key());
    DefenderHost.Admission[] answer = {null};
    boolean[] banned = {false};
    int points = cfg.scores().get(Event.LIMIT_EXCEEDED);
    hosts.compute(s.key(), (k, h) -> {
      DefenderHost host = h != null ? h : newHost(now);
      if (host == null) return null;
      answer[0] = host.connect(now, cfg);
      if ((answer[0] == DefenderHost.Admission.RATE || answer[0] == DefenderHost.Admission.LIMIT) && points > 0)
        banned[0] = host.add(now, points, cfg);
      return host;
    });
    if (answer[0] == null) return Optional.of(UNTRACKED);
    switch (answer[0]) {
      case OK -> {
        return Optional.of(new HostLease(s.key()));
      }
      case RATE -> log.warn("refused a connection from {}: more than {} new connections per second", s.key(),
          cfg.connectionRatePerSecond());
      case LIMIT -> log.warn("refused a connection from {}: it already has {} connections", s.key(),
          cfg.maxConnectionsPerIp());
      case BANNED -> log.debug("refused a connection from banned {}", s.key());
    }
    if (banned[0]) announceBan(s.key(), Event.LIMIT_EXCEEDED);
    return Optional.empty();
  }

  @Override
  public Registration onBan(BanListener listener) {
    requireNonNull(listener, "No ban listener");
    banListeners.add(listener);
    return () -> banListeners.remove(listener);
  }

  @Override
  public List<Ban> bans() {
    long now = clock.millis();
    List<Ban> out = new ArrayList<>();
    for (Map.Entry<String, DefenderHost> e : hosts.entrySet())
      if (e.getValue().banned(now)) out.add(e.getValue().ban(e.getKey()));
    out.sort(Comparator.comparing(Ban::until).thenComparing(Ban::ip));
    return out;
  }

  @Override
  public boolean unban(String ip) {
    Source s = Source.of(ip);
    long now = clock.millis();
    boolean[] was = {false};
    hosts.computeIfPresent(s.key(), (k, h) -> {
      was[0] = h.clear(now);
      return h.connections() > 0 ? h : null;
    });
    if (was[0]) log.info("unbanned {}", s.key());
    return was[0];
  }

  @Override
  public List<Host> hosts() {
    long now = clock.millis();
    List<Host> out = new ArrayList<>();
    for (Map.Entry<String, DefenderHost> e : hosts.entrySet()) {
      DefenderHost h = e.getValue();
      if (h.banned(now)) out.add(new Host(e.getKey(), 0, h.ban(e.getKey()).until()));
      else if (h.score(now, cfg) > 0) out.add(new Host(e.getKey(), h.score(now, cfg), null));
    }
    out.sort(Comparator.comparing(Host::ip));
    return out;
  }

  @Override
  public boolean forget(String ip) {
    Source s = Source.of(ip);
    long now = clock.millis();
    boolean[] known = {false};
    hosts.computeIfPresent(s.key(), (k, h) -> {
      known[0] = h.banned(now) || h.score(now, cfg) > 0;
      h.clear(now);
      return h.connections() > 0 ? h : null;
    });
    if (known[0]) log.info("cleared the ban or score of {}", s.key());
    return known[0];
  }

  /** The score of {@code ip} within the observation window; 0 when not tracked. */
  int score(String ip) {
    DefenderHost h = hosts.get(Source.of(ip).key());
    return h == null ? 0 : h.score(clock.millis(), cfg);
  }

  /** How many sources are tracked now. */
  int trackedHosts() {
    return hosts.size();
  }

  private DefenderHost newHost(long now) {
    return hosts.size() < cfg.maxHosts() ? new DefenderHost(now, cfg) : null;
  }

  private boolean safe(Source s) {
    if (s.address() == null) return false;
    for (Cidr c : cfg.safeList()) if (c.contains(s.address())) return true;
    return false;
  }

  /** Sweeps idle sources when due, and makes room before a new one arrives at a full table. */
  private long housekeep(String key) {
    long now = clock.millis();
    boolean full = hosts.size() >= cfg.maxHosts() && !hosts.containsKey(key) && now >= nextMakeRoom;
    if ((now >= nextSweep || full) && sweeping.tryLock()) {
      try {
        sweepIdle(now);
        if (hosts.size() >= cfg.maxHosts()) evictOldest(now);
      } finally {
        sweeping.unlock();
      }
    }
    return now;
  }

  private void sweepIdle(long now) {
    nextSweep = now + SWEEP_INTERVAL.toMillis();
    for (String k : hosts.keySet()) hosts.computeIfPresent(k, (kk, h) -> h.idle(now, cfg) ? null : h);
  }

  /** Forgets the least recently seen tenth of the sources that are neither banned nor connected. */
  private void evictOldest(long now) {
    List<Map.Entry<String, Long>> candidates = new ArrayList<>();
    for (Map.Entry<String, DefenderHost> e : hosts.entrySet())
      if (e.getValue().evictable(now)) candidates.add(Map.entry(e.getKey(), e.getValue().lastSeen()));
    if (candidates.isEmpty()) {
      nextMakeRoom = now + FULL_RETRY_INTERVAL.toMillis();
      log.warn("defender is tracking {} sources, all banned or connected; new sources go untracked", hosts.size());
      return;
    }
    candidates.sort(Map.Entry.comparingByValue());
    int n = Math.max(1, Math.min(candidates.size(), cfg.maxHosts() / 10));
    for (int i = 0; i < n; i++)
      hosts.computeIfPresent(candidates.get(i).getKey(), (k, h) -> h.evictable(now) ? null : h);
  }

  private void announceBan(String ip, Event last) {
    DefenderHost h = hosts.get(ip);
    if (h != null) {
      Ban b = h.ban(ip);
      log.warn("banned {} until {} (offence {}; last event {})", ip, b.until(), b.offences(), last);
    }
    for (BanListener l : banListeners) {
      try {
        l.banned(ip);
      } catch (RuntimeException e) {
        log.error("a ban listener failed on the ban of {}", ip, e);
      }
    }
  }

  /** A source IP in its canonical text form, and its address when it is an IP literal. */
  private record Source(String key, InetAddress address) {
    static Source of(String ip) {
      String t = requireNonNull(ip, "No ip").trim();
      if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
      // Only literals: a name would make getByName query DNS.
      if (!t.contains(":") && !IPV4.matcher(t).matches()) return new Source(t, null);
      try {
        InetAddress a = InetAddress.getByName(t);
        return new Source(a.getHostAddress(), a);
      } catch (UnknownHostException e) {
        return new Source(t, null);
      }
    }
  }

  private final class HostLease implements Lease {
    private final String key;
    private final AtomicBoolean closed = new AtomicBoolean();

    HostLease(String key) {
      this.key = key;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) hosts.computeIfPresent(key, (k, h) -> {
        h.release();
        return h;
      });
    }
  }
}
