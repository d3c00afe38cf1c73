package ferry.sftpd;

import ferry.core.account.LoginUser;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.session.ServerSession;

/**
 * Makes the file system of one SFTP channel or SCP command. Called on an SSH I/O thread, so it only
 * builds objects; the file session opens on first use.
 */
final class SessionFileSystemFactory implements FileSystemFactory {
  private final SessionFileSystemProvider provider;
  private final SessionOpener opener;
  private final String protocol;
  private final Supplier<String> endCause;

  /** {@code endCause} tells why a file system closes now, e.g. "the client disconnected". */
  SessionFileSystemFactory(
      SessionFileSystemProvider provider, SessionOpener opener, String protocol, Supplier<String> endCause) {
    this.provider = provider;
    this.opener = opener;
    this.protocol = protocol;
    this.endCause = endCause;
  }

  @Override
  public Path getUserHomeDir(SessionContext session) {
    return null; // every tree starts at its own "/"
  }

  @Override
  public FileSystem createFileSystem(SessionContext context) throws IOException {
    LoginUser user = context.getAttribute(LoginCheck.LOGIN_USER);
    if (user == null || !(context instanceof ServerSession session)) {
      throw new IOException("No authenticated user on " + context);
    }
    String ip = LoginCheck.ip(session);
    return new SessionFileSystem(
        provider,
        opener,
        user.sessionFrom(ip),
        protocol,
        ip,
        () -> session.close(true),
        endCause);
  }
}
