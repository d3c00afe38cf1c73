package ferry.sftpd;

import ferry.core.account.LoginUser;
import ferry.core.account.UserDirectory;
import ferry.core.auth.Defender;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits connections through the {@link Defender} as they are accepted (a banned source is cut off
 * before the SSH handshake), holds each admitted connection's lease until it closes, and logs one
 * line per login.
 */
final class ConnectionGuard implements IoServiceEventListener, SessionListener {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  private static final AttributeKey<Defender.Lease> LEASE = new AttributeKey<>();

  private final Defender defender;
  private final UserDirectory users;
  private final Executor background;
  private final Map<SocketAddress, Defender.Lease> accepted = new ConcurrentHashMap<>();

  ConnectionGuard(Defender defender, UserDirectory users, Executor background) {
    this.defender = defender;
    this.users = users;
    this.background = background;
  }

  @Override
  public void connectionAccepted(
      IoAcceptor acceptor, SocketAddress local, SocketAddress remote, SocketAddress service)
      throws IOException {
    String ip = LoginCheck.ip(remote);
    var lease = defender.admit(ip);
    if (lease.isEmpty()) {
      log.warn("SSH connection refused: remote_addr={}: banned or over the connection limits", ip);
      throw new IOException("connection from " + ip + " refused by the defender");
    }
    accepted.put(remote, lease.get());
  }

  @Override
  public void abortAcceptedConnection(
      IoAcceptor acceptor, SocketAddress local, SocketAddress remote, SocketAddress service, Throwable reason) {
    release(accepted.remove(remote));
  }

  @Override
  public void sessionCreated(Session session) {
    Defender.Lease lease = accepted.remove(session.getIoSession().getRemoteAddress());
    if (lease != null) {
      session.setAttribute(LEASE, lease);
    }
  }

  @Override
  public void sessionEvent(Session session, Event event) {
    if (event == Event.Authenticated) {
      LoginUser user = session.getAttribute(LoginCheck.LOGIN_USER);
      String method = session.getAttribute(LoginCheck.LOGIN_METHOD);
      if (user != null) {
        log.info("SSH login: user={} remote_addr={} method={}", user.username(), LoginCheck.ip(session), method);
        background.execute(() -> users.loggedIn(user.username()));
      }
    }
  }

  @Override
  public void sessionClosed(Session session) {
    release(session.removeAttribute(LEASE));
    release(accepted.remove(session.getIoSession().getRemoteAddress()));
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
