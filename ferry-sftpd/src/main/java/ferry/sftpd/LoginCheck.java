package ferry.sftpd;

import ferry.core.account.LoginMethod;
import ferry.core.account.LoginUser;
import ferry.core.account.UserDirectory;
import ferry.core.account.UserLogins;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.error.UnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password and public-key logins against the {@link UserDirectory}, with each failure scored by
 * the {@link Defender}. A client that offers several keys is scored once per connection, not once
 * per key (see {@link ConnectionGuard}); {@link LoginAttempts} limits each connection's attempts.
 */
final class LoginCheck implements PasswordAuthenticator, PublickeyAuthenticator {
  static final AttributeKey<LoginUser> LOGIN_USER = new AttributeKey<>();
  static final AttributeKey<String> LOGIN_METHOD = new AttributeKey<>();
  static final AttributeKey<Boolean> KEY_REFUSED = new AttributeKey<>();
  private static final AttributeKey<Boolean> UNKNOWN_USER_SCORED = new AttributeKey<>();
  private static final AttributeKey<Found> FOUND = new AttributeKey<>();

  /** The account looked up for {@code username} during this connection's authentication. */
  private record Found(String username, Optional<LoginUser> user) {}

  private static final String PASSWORD_METHOD = "password";
  private static final String KEY_METHOD = "publickey";
  private static final Logger log = LoggerFactory.getLogger(LoginCheck.class);

  private final UserDirectory users;
  private final UserLogins logins;
  private final Defender defender;
  private final ToIntFunction<String> openSessions;
  private final PasswordChecks passwordChecks;
  private final LoginAttempts attempts;
  private final SshMetrics metrics;

  /**
   * {@code openSessions} counts a user's live file sessions, for {@code max_sessions};
   * {@code passwordChecks} runs password checks (the server's bounded pool, one check per account at
   * a time: each argon2 check takes about 19 MiB and 150 ms of CPU); {@code attempts} limits the attempts of each connection;
   * {@code metrics} counts the refused ones (a login that succeeds counts once, in {@link ConnectionGuard}).
   */
  LoginCheck(UserDirectory users, Defender defender, ToIntFunction<String> openSessions, PasswordChecks passwordChecks,
      LoginAttempts attempts, SshMetrics metrics) {
    this.users = users;
    this.logins = new UserLogins(users);
    this.defender = defender;
    this.openSessions = openSessions;
    this.passwordChecks = passwordChecks;
    this.attempts = attempts;
    this.metrics = metrics;
  }

  /**
   * Answers later, from {@code passwordChecks}: the SSH I/O threads serve every session (see
   * {@link EventLoopIo}), and a password check there would stall them all for its 150 ms.
   */
  @Override
  public boolean authenticate(String username, String password, ServerSession session) {
    AsyncAuthException pending = new AsyncAuthException();
    try {
      passwordChecks.submit(username, () -> {
        boolean ok = false;
        try {
          ok = attempts.attempt(session, () -> checkPassword(username, password, session));
        } catch (RuntimeException e) {
          log.error("SSH login of {} failed in the password check: {}", username, e.toString(), e);
        } finally {
          if (!ok) metrics.login(PASSWORD_METHOD, false);
          pending.setAuthed(ok);
        }
      });
    } catch (UnavailableException busy) {
      log.warn("SSH login of {} refused: {}", username, busy.getMessage());
      metrics.login(PASSWORD_METHOD, false);
      return false;
    }
    throw pending;
  }

  private boolean checkPassword(String username, String password, ServerSession session) {
    String ip = ip(session);
    Optional<LoginUser> found = find(username, session, ip);
    return switch (logins.checkPassword(found, password, ip, LoginMethod.SSH_PASSWORD)) {
      case UserLogins.Outcome.Accepted a -> accept(session, a.user(), ip, PASSWORD_METHOD);
      case UserLogins.Outcome.NoSuchUser n -> false; // scored once per connection by find
      case UserLogins.Outcome.Refused r -> {
        log.warn("SSH login refused: user={} remote_addr={} method=password: {}", username, ip, r.why());
        defender.record(ip, Defender.Event.LOGIN_FAILED);
        yield false;
      }
      case UserLogins.Outcome.WrongPassword w -> {
        log.warn("SSH login refused: user={} remote_addr={} method=password: wrong password", username, ip);
        defender.record(ip, Defender.Event.LOGIN_FAILED);
        yield false;
      }
    };
  }

  @Override
  public boolean authenticate(String username, PublicKey key, ServerSession session) {
    boolean ok = attempts.attempt(session, () -> checkKey(username, key, session));
    if (!ok) metrics.login(KEY_METHOD, false);
    return ok;
  }

  private boolean checkKey(String username, PublicKey key, ServerSession session) {
    String ip = ip(session);
    Optional<LoginUser> found = find(username, session, ip);
    if (found.isEmpty()) {
      return false;
    }
    LoginUser user = found.get();
    if (!allowed(user, ip, LoginMethod.SSH_PUBLIC_KEY)) {
      session.setAttribute(KEY_REFUSED, true);
      return false;
    }
    if (!matches(user.publicKeys(), key, username)) {
      session.setAttribute(KEY_REFUSED, true);
      return false;
    }
    return accept(session, user, ip, KEY_METHOD);
  }

  private Optional<LoginUser> find(String username, ServerSession session, String ip) {
    // A key login asks twice (the client's query, then the signed request): look the user up once.
    Found cached = session.getAttribute(FOUND);
    if (cached != null && cached.username().equals(username)) {
      return cached.user();
    }
    Optional<LoginUser> user = users.findLoginUser(username);
    session.setAttribute(FOUND, new Found(username, user));
    if (user.isEmpty() && session.setAttribute(UNKNOWN_USER_SCORED, true) == null) {
      log.warn("SSH login refused: user={} remote_addr={}: no such user (or disabled/expired)", username, ip);
      defender.record(ip, Defender.Event.NO_SUCH_USER);
    }
    return user;
  }

  private boolean allowed(LoginUser user, String ip, LoginMethod method) {
    Optional<String> why = logins.refusal(user, ip, method);
    why.ifPresent(w -> log.warn("SSH login refused: user={} remote_addr={} method={}: {}", user.username(), ip,
        method.method(), w));
    return why.isEmpty();
  }

  private static boolean matches(List<String> keys, PublicKey offered, String username) {
    for (String line : keys) {
      try {
        AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
        if (entry == null) {
          continue;
        }
        PublicKey k = entry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        if (k != null && KeyUtils.compareKeys(k, offered)) {
          return true;
        }
      } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
        log.warn("ignoring an unreadable public key of user {}: {}", username, e.getMessage());
      }
    }
    return false;
  }

  private boolean accept(ServerSession session, LoginUser user, String ip, String method) {
    // Checked again when the session opens its file system; refusing here tells the client at login.
    int max = user.session().maxSessions();
    if (max > 0 && openSessions.applyAsInt(user.username()) >= max) {
      log.warn("SSH login refused: user={} remote_addr={} method={}: {} sessions already open (max_sessions)",
          user.username(), ip, method, max);
      return false;
    }
    session.setAttribute(LOGIN_USER, user);
    session.setAttribute(LOGIN_METHOD, method);
    return true;
  }

  /** The client's IP address, without port. */
  static String ip(Session session) {
    return ip(session.getIoSession().getRemoteAddress());
  }

  static String ip(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(address);
  }
}
