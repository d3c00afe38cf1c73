package ferry.sftpd;

import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;

/**
 * Marks the handles a client left open when its channel ended, so that closing them aborts the
 * upload instead of publishing a partial file.
 */
final class HandleTracker implements SftpEventListener {
  @Override
  public void exiting(ServerSession session, Handle handle) {
    handle.setAttribute(SessionSftpAccessor.ABANDONED, "the client disconnected during the transfer");
  }
}
