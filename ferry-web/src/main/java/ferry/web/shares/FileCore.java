package ferry.web.shares;

import ferry.core.account.LoginUser;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.session.FileSession;
import ferry.httpd.HttpServices;
import ferry.httpd.files.FsErrors;
import ferry.httpd.files.Transfers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;

/** The file core as the web UI's uploads use it: the same sessions and writes as /api/v2. */
final class FileCore {
  /** The protocol web client sessions run over, as /api/v2's user routes. */
  static final String PROTOCOL = "HTTP";

  private FileCore() {}

  /** A session of the logged-in user, re-read now (as /api/v2 does per request); the caller closes it. */
  static FileSession userSession(HttpServices core, String username, String ip) {
    LoginUser user = core.users().findLoginUser(username)
        .orElseThrow(() -> new AuthenticationException("user " + username + " cannot log in"));
    if (user.deniedProtocols().stream().anyMatch(PROTOCOL::equalsIgnoreCase))
      throw new PermissionDeniedException("protocol " + PROTOCOL + " is not allowed for user " + username);
    return core.fileSessions().open(user.sessionFrom(ip), PROTOCOL, ip);
  }

  /**
   * Publishes {@code bytes} at {@code path}: missing parent folders are made through the session
   * (needs create_dirs), then one atomic upload (permission, patterns, quota, transfer record).
   */
  static void publish(FileSession s, String path, InputStream bytes) throws IOException {
    String p = s.normalize(path);
    int at = 0;
    while ((at = p.indexOf('/', at + 1)) > 0) {
      String dir = p.substring(0, at);
      try {
        s.stat(dir);
      } catch (NoSuchFileException missing) {
        FsErrors.call(() -> {
          s.mkdir(dir);
          return null;
        });
      }
    }
    Transfers.receive(s, p, bytes, null);
  }

  /** {@code dir/inside}, for the session to normalize. */
  static String join(String dir, String inside) {
    String d = dir == null || dir.isBlank() ? "/" : dir;
    return (d.endsWith("/") ? d : d + "/") + inside;
  }
}
