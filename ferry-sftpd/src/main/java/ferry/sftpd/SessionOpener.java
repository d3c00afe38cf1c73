package ferry.sftpd;

import ferry.core.session.FileSession;
import ferry.core.session.FileSessions;
import ferry.core.session.SessionUser;
import java.io.IOException;

/** Opens the protocol-neutral {@link FileSession} behind one SFTP channel or SCP command. */
@FunctionalInterface
public interface SessionOpener {
  /**
   * Opens a file session; called on the channel's own thread, never on an SSH I/O thread.
   *
   * @param user the logged-in user's settings
   * @param protocol {@code SFTP} or {@code SCP}
   * @param remoteAddr the client's IP address
   * @param disconnect ends the SSH connection; the core calls it when an admin closes the
   *     connection from the live list
   * @return the session, closed by the caller when the channel ends
   * @throws IOException if the user's storage cannot be opened
   */
  FileSession open(SessionUser user, String protocol, String remoteAddr, Runnable disconnect)
      throws IOException;

  /** How many file sessions {@code username} has open now (for {@code max_sessions} at login). */
  default int openSessions(String username) {
    return 0;
  }

  /**
   * Opens core sessions from {@code sessions}, each registered in the live connection list with
   * the SSH disconnect as its close action.
   */
  static SessionOpener over(FileSessions sessions) {
    return new SessionOpener() {
      @Override
      public FileSession open(SessionUser user, String protocol, String remoteAddr, Runnable disconnect) {
        FileSession s = sessions.open(user, protocol, remoteAddr);
        sessions.connections().onClose(s.id(), disconnect);
        return s;
      }

      @Override
      public int openSessions(String username) {
        return sessions.connections().count(username);
      }
    };
  }
}
