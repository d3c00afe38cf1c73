package ferry.core.auth.web;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Opens, finds and ends web UI sessions. A session ends after {@link #IDLE_TIMEOUT} without use,
 * {@link #MAX_AGE} after login, at logout, and when its account's password changes.
 */
public final class WebSessionService {
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration MAX_AGE = Duration.ofHours(12);
  /** A session's last use is written at most this often (one write per minute, not per request). */
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();
  private final WebSessionRepository repo;
  private final Clock clock;

  /** A new session and the cookie value that proves it (never stored). */
  public record Opened(String cookie, WebSession session) {}

  public WebSessionService(WebSessionRepository repo, Clock clock) {
    this.repo = requireNonNull(repo, "No web session repository");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** Opens a session for an account that has just proved its password. */
  public Opened open(WebSession.Kind kind, String username, String stamp, WebSession.Stage stage, String ip) {
    String cookie = randomToken();
    Instant now = clock.instant();
    WebSession s = new WebSession(hash(cookie), kind, username, stamp, stage, ip, now, now);
    repo.insert(s);
    return new Opened(cookie, s);
  }

  /** The live session a cookie proves; empty for an unknown, idle or too old one (which is removed). */
  public Optional<WebSession> find(String cookie) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > 100) return Optional.empty();
    Optional<WebSession> found = repo.find(hash(cookie));
    if (found.isEmpty()) return found;
    WebSession s = found.get();
    Instant now = clock.instant();
    if (s.lastSeenAt().plus(IDLE_TIMEOUT).isBefore(now) || s.createdAt().plus(MAX_AGE).isBefore(now)) {
      repo.delete(s.id());
      return Optional.empty();
    }
    if (s.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
      repo.touch(s.id(), now);
      s = s.withLastSeenAt(now);
    }
    return Optional.of(s);
  }

  /** Marks the second factor as given. */
  public void promote(WebSession s) {
    repo.setStage(s.id(), WebSession.Stage.READY);
  }

  /** Ends one session (logout). */
  public void close(WebSession s) {
    repo.delete(s.id());
  }

  /** Ends every session of one account (password changed, account disabled or deleted). */
  public int closeAll(WebSession.Kind kind, String username) {
    return repo.deleteAll(kind, username);
  }

  /** Removes ended sessions; run now and then. */
  public int prune() {
    Instant now = clock.instant();
    return repo.prune(now.minus(IDLE_TIMEOUT), now.minus(MAX_AGE));
  }

  /**
   * A short fingerprint of an account's stored password hash: it changes when the password does, so
   * a session opened before a password change no longer matches.
   */
  public static String stampOf(String passwordHash) {
    return hash("stamp:" + (passwordHash == null ? "" : passwordHash)).substring(0, 16);
  }

  /**
   * The CSRF token of a cookie value (a session's or a login page's): derived, so any node can check
   * it without storing it, and unknowable to a page that cannot read the HttpOnly cookie.
   */
  public static String csrfToken(String cookie) {
    return hash("csrf:" + cookie).substring(0, 43);
  }

  /** A random URL-safe token of 256 bits. */
  public static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String hash(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
