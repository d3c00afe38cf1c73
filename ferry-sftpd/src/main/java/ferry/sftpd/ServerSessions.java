package ferry.sftpd;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Objects;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.server.ServerFactoryManager;
import org.apache.sshd.server.session.ServerSessionImpl;
import org.apache.sshd.server.session.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA's server sessions, except that a client dropping its connection (a reset, a broken pipe) is
 * one INFO line: MINA warns about it, and it happens all day (issue 10). Protocol errors still warn.
 */
final class ServerSessions extends SessionFactory {
  private static final Logger log = LoggerFactory.getLogger(ServerSessions.class);

  ServerSessions(ServerFactoryManager server) {
    super(server);
  }

  @Override
  protected ServerSessionImpl doCreateSession(IoSession io) throws Exception {
    return new Session(getServer(), io);
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

  private static final class Session extends ServerSessionImpl {
    Session(ServerFactoryManager server, IoSession io) throws Exception {
      super(server, io);
    }

    @Override
    public void exceptionCaught(Throwable t) {
      if (!droppedByPeer(t) || isClosing()) {
        super.exceptionCaught(t);
        return;
      }
      // qualified: MINA's own "log" field would shadow ours
      ServerSessions.log.info("SSH connection lost: remote_addr={} user={}: {}", LoginCheck.ip(this),
          Objects.requireNonNullElse(getUsername(), "-"), t.getMessage());
      signalExceptionCaught(t);
      close(true);
    }
  }
}
