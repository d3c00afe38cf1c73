package ferry.vfs.ftp;

import ferry.vfs.VfsErrors;
import java.io.IOException;
import org.apache.commons.net.ftp.FTPClient;

/** Turns FTP replies into the {@code java.nio.file} vocabulary of {@link ferry.vfs.Vfs}. */
final class FtpErrors {
  private FtpErrors() {}

  static String reply(FTPClient c) {
    String r = c.getReplyString();
    return r == null ? "(no reply)" : r.strip();
  }

  /**
   * An error for a failed command. FTP uses 550 for both "not found" and "not allowed", so callers
   * that can tell (by a follow-up stat) should do so before falling back to this.
   */
  static IOException failure(FTPClient c, String where, String what) {
    int code = c.getReplyCode();
    String reason = what + " failed: " + reply(c);
    return switch (code) {
      case 530, 532 -> VfsErrors.accessDenied(where, reason, null);
      default -> new IOException(where + ": " + reason);
    };
  }
}
