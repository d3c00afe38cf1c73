package ferry.sftpd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Objects;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's server sessions, except that a client dropping its connection (a reset, a broken pipe) is
 * one INFO line: MINA warns about it, and it happens all day (issue 10). Protocol errors still warn.
 */
final class ServerSessions extends SessionFactory {
  // not "log": MINA's own instance field of that name would shadow it
  private static final Logger lost = LoggerFactory.getLogger(ServerSessions.class);

  ServerSessions(ServerFactoryManager server) {
    super(server);
  }

  @Override
  public void exceptionCaught(IoSession io, Throwable t) throws Exception {
    AbstractSession session = AbstractSession.getSession(io, true);
    if (session == null || !droppedByPeer(t) || session.isClosing()) {
      super.exceptionCaught(io, t);
      return;
    }
    lost.info("SSH connection lost: remote_addr={} user={}: {}", LoginCheck.ip(session),
        Objects.requireNonNullElse(session.getUsername(), "-"), t.getMessage());
    session.close(true);
  }

  /** True for the ways a peer's vanishing shows in a read or write; not for protocol errors. */
  static boolean droppedByPeer(Throwable t) {
    if (t instanceof EOFException || t instanceof ClosedChannelException) {
      return true;
    }
    if (!(t instanceof IOException) || t instanceof SshException || t.getMessage() == null) {
      return false;
    }
    String m = t.getMessage().toLowerCase(Locale.ROOT);
    return m.contains("connection reset") || m.contains("broken pipe") || m.contains("connection abort");
  }
}
