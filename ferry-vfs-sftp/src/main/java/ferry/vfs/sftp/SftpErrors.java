package ferry.vfs.sftp;

import ferry.vfs.VfsErrors;
import java.io.IOException;
import java.nio.file.FileSystemException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** Maps SFTP status codes to the {@code java.nio.file} vocabulary of {@link ferry.vfs.Vfs}. */
final class SftpErrors {
  private SftpErrors() {}

  static IOException translate(IOException e, String where) {
    if (!(e instanceof SftpException s)) {
      return e instanceof FileSystemException fs
          ? VfsErrors.retarget(fs, where)
          : new IOException(where + ": " + e.getMessage(), e);
    }
    String reason = SftpConstants.getStatusName(s.getStatus()) + ": " + s.getMessage();
    return switch (s.getStatus()) {
      case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH ->
          VfsErrors.noSuchFile(where, e);
      case SftpConstants.SSH_FX_PERMISSION_DENIED, SftpConstants.SSH_FX_WRITE_PROTECT ->
          VfsErrors.accessDenied(where, reason, e);
      case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS -> VfsErrors.alreadyExists(where, e);
      case SftpConstants.SSH_FX_DIR_NOT_EMPTY -> VfsErrors.notEmpty(where, e);
      case SftpConstants.SSH_FX_NOT_A_DIRECTORY -> VfsErrors.notDirectory(where, e);
      case SftpConstants.SSH_FX_FILE_IS_A_DIRECTORY ->
          VfsErrors.withCause(VfsErrors.isDirectory(where), e);
      default -> new IOException(where + ": " + reason, e);
    };
  }

  static boolean isNotFound(IOException e) {
    return e instanceof SftpException s
        && (s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE
            || s.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH);
  }
}
