package ferry.sftpd;

import ferry.core.account.LoginUser;
import ferry.core.account.UserDirectory;
import ferry.core.auth.Defender;
import java.util.concurrent.Executor;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits connections through the {@link Defender} as they are accepted (a banned source is cut off
 * before the SSH handshake, even before the server identification), holds each admitted connection's lease until it closes, and logs one
 * line per login.
 */
final class ConnectionGuard implements SessionListener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final AttributeKey<Defender.Lease> LEASE = new AttributeKey<>();

  private final Defender defender;
  private final UserDirectory users;
  private final Executor background;
  private final SshMetrics metrics;

  ConnectionGuard(Defender defender, UserDirectory users, Executor background, SshMetrics metrics) {
    this.defender = defender;
    this.users = users;
    this.background = background;
    this.metrics = metrics;
  }

  /**
   * Admits the connection or refuses it before the server sends its identification: throwing here
   * makes MINA close the socket (refusing in {@code connectionAccepted} would leave it open).
   */
  @Override
  public void sessionCreated(Session session) {
    String ip = LoginCheck.ip(session);
    var lease = defender.admit(ip);
    if (lease.isEmpty()) {
      log.warn("SSH connection refused: remote_addr={}: banned or over the connection limits", ip);
      throw new ConnectionRefusedException(ip);
    }
    session.setAttribute(LEASE, lease.get());
    metrics.sessionOpened();
  }

  /** A connection the defender did not admit. */
  static final class ConnectionRefusedException extends RuntimeException {
    ConnectionRefusedException(String ip) {
      super("connection from " + ip + " refused by the defender", null, false, false);
    }
  }

  @Override
  public void sessionEvent(Session session, Event event) {
    if (event == Event.Authenticated) {
      LoginUser user = session.getAttribute(LoginCheck.LOGIN_USER);
      String method = session.getAttribute(LoginCheck.LOGIN_METHOD);
      if (user != null) {
        log.info("SSH login: user={} remote_addr={} method={}", user.username(), LoginCheck.ip(session), method);
        metrics.login(method, true);
        background.execute(() -> users.loggedIn(user.username()));
      }
    }
  }

  @Override
  public void sessionClosed(Session session) {
    release(session.removeAttribute(LEASE));
    if (!session.isAuthenticated() && Boolean.TRUE.equals(session.getAttribute(LoginCheck.KEY_REFUSED))) {
      // only keys that were refused, scored once for the whole connection
      defender.record(LoginCheck.ip(session), Defender.Event.LOGIN_FAILED);
    }
  }

  private static void release(Defender.Lease lease) {
    if (lease != null) {
      lease.close();
    }
  }
}
