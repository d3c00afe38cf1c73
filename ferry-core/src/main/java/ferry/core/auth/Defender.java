package ferry.core.auth;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Guards every protocol against brute force and floods: scores failures per source IP, bans an IP
 * past a threshold for a time that grows with repeat offences, and limits connections per IP and
 * their rate. Thread-safe.
 */
public interface Defender {
  /** What a source did wrong; each kind carries its own score. */
  enum Event {
    /** A login with a wrong password or key for an existing user. */
    LOGIN_FAILED,
    /** A login for a user that does not exist. */
    NO_SUCH_USER,
    /** A malformed or refused protocol request, e.g. an invalid API key. */
    BAD_REQUEST,
    /** A connection refused by a limit. */
    LIMIT_EXCEEDED
  }

  /** A banned source and until when. */
  record Ban(String ip, Instant until, int offences) {}

  /**
   * A source the defender watches: banned, or with a score from recent events.
   *
   * @param score the score within the observation window (0 while banned)
   * @param bannedUntil when the ban ends, or null when not banned
   */
  record Host(String ip, int score, Instant bannedUntil) {}

  /** A connection allowed in; close it when the connection ends. */
  interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  /** Told of each new ban, on the thread that caused it: it must not block. */
  @FunctionalInterface
  interface BanListener {
    /** {@code ip} has just been banned. */
    void banned(String ip);
  }

  /** A registered {@link BanListener}; closing it stops the notices. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** True if {@code ip} is banned now. */
  boolean isBanned(String ip);

  /** Adds an event to the score of {@code ip}; may ban it. */
  void record(String ip, Event event);

  /**
   * Admits a new connection from {@code ip} unless it is banned or past the per-IP connection limit
   * or the connection rate.
   *
   * @return a lease to close when the connection ends, or empty if refused
   */
  Optional<Lease> admit(String ip);

  /**
   * Tells {@code listener} of every ban from now on, so that a server can close the banned
   * source's connections that are still logging in (issue 10).
   *
   * @return the registration to close when the listener goes away
   */
  Registration onBan(BanListener listener);

  /** The bans in force now. */
  List<Ban> bans();

  /**
   * Lifts a ban and clears the score of {@code ip}.
   *
   * @return false if {@code ip} was not banned
   */
  boolean unban(String ip);

  /** The sources banned now or with a score, sorted by ip. */
  default List<Host> hosts() {
    return bans().stream().map(b -> new Host(b.ip(), 0, b.until())).sorted(Comparator.comparing(Host::ip)).toList();
  }

  /**
   * Lifts the ban of {@code ip} or clears its score.
   *
   * @return false if {@code ip} was neither banned nor scored
   */
  default boolean forget(String ip) {
    return unban(ip);
  }
}
