package ferry.sftpd;

import java.util.function.Supplier;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Marks the handles a client left open when its channel ended, so that closing them records the
 * transfer as cut short (a download failed, an upload aborted) instead of done; the core writes
 * the reason (issue 11).
 */
final class HandleTracker implements SftpEventListener {
  private final Supplier<String> cause;

  /** {@code cause} tells why sessions end now, e.g. "the client disconnected". */
  HandleTracker(Supplier<String> cause) {
    this.cause = cause;
  }

  @Override
  public void exiting(ServerSession session, Handle handle) {
    handle.setAttribute(SessionSftpAccessor.ABANDONED, cause.get());
  }
}
