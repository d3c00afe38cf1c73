package ferry.sftpd;

import ferry.core.error.FerryException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.QuotaExceededException;
import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.common.SftpHelper;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become SFTP status codes and messages. Codes newer than the
 * negotiated protocol version fall back to {@code SSH_FX_FAILURE} (OpenSSH speaks v3 and shows
 * unknown codes as "Unknown status"). Unexpected errors are logged once with their stack; the
 * client sees only "Failure".
 */
final class SftpErrors implements SftpErrorStatusDataHandler {
  private static final Logger log = LoggerFactory.getLogger(SftpErrors.class);
  static final String QUOTA_MESSAGE = "quota exceeded";

  @Override
  public int resolveSubStatus(
      SftpSubsystemEnvironment env, int id, Throwable e, int cmd, Object... args) {
    return status(e, env.getVersion());
  }

  static int status(Throwable e, int version) {
    int status = specific(e, version);
    // e.g. MINA's own "too many open handles" (14) must not reach a v3 client as "Unknown status"
    return status > highestCode(version) ? SftpConstants.SSH_FX_FAILURE : status;
  }

  /** The highest status code protocol {@code version} defines. */
  private static int highestCode(int version) {
    return switch (version) {
      case 3 -> SftpConstants.SSH_FX_OP_UNSUPPORTED;
      case 4 -> SftpConstants.SSH_FX_NO_MEDIA;
      case 5 -> SftpConstants.SSH_FX_LOCK_CONFLICT;
      default -> Integer.MAX_VALUE;
    };
  }

  private static int specific(Throwable e, int version) {
    return switch (e) {
      case AccessDeniedException x -> SftpConstants.SSH_FX_PERMISSION_DENIED;
      case NoSuchFileException x -> SftpConstants.SSH_FX_NO_SUCH_FILE;
      case FileAlreadyExistsException x ->
          version >= SftpConstants.SFTP_V4
              ? SftpConstants.SSH_FX_FILE_ALREADY_EXISTS
              : SftpConstants.SSH_FX_FAILURE;
      case DirectoryNotEmptyException x ->
          version >= SftpConstants.SFTP_V6 ? SftpConstants.SSH_FX_DIR_NOT_EMPTY : SftpConstants.SSH_FX_FAILURE;
      case NotDirectoryException x ->
          version >= SftpConstants.SFTP_V6
              ? SftpConstants.SSH_FX_NOT_A_DIRECTORY
              : SftpConstants.SSH_FX_FAILURE;
      case QuotaExceededException x ->
          version >= SftpConstants.SFTP_V5 ? SftpConstants.SSH_FX_QUOTA_EXCEEDED : SftpConstants.SSH_FX_FAILURE;
      case PermissionDeniedException x -> SftpConstants.SSH_FX_PERMISSION_DENIED;
      case NotFoundException x -> SftpConstants.SSH_FX_NO_SUCH_FILE;
      case FerryException x -> SftpConstants.SSH_FX_FAILURE;
      case FileSystemException x -> SftpConstants.SSH_FX_FAILURE;
      default -> SftpHelper.resolveSubstatus(e);
    };
  }

  @Override
  public String resolveErrorMessage(
      SftpSubsystemEnvironment env, int id, Throwable e, int subStatus, int cmd, Object... args) {
    return message(e, subStatus);
  }

  static String message(Throwable e, int subStatus) {
    return switch (e) {
      case AccessDeniedException x when x.getReason() != null -> x.getReason();
      case QuotaExceededException x -> QUOTA_MESSAGE;
      case FerryException x -> x.getMessage();
      case NoSuchFileException x -> SftpHelper.resolveStatusMessage(subStatus);
      case FileAlreadyExistsException x -> "File already exists";
      case DirectoryNotEmptyException x -> "Directory not empty";
      case NotDirectoryException x -> "Not a directory";
      case FileSystemException x when x.getReason() != null -> x.getReason();
      case FileSystemException x -> SftpHelper.resolveStatusMessage(subStatus);
      case SftpException x -> x.getMessage();
      case UnsupportedOperationException x when x.getMessage() != null -> x.getMessage();
      case EOFException x -> SftpHelper.resolveStatusMessage(subStatus);
      default -> unexpected(e, subStatus);
    };
  }

  private static String unexpected(Throwable e, int subStatus) {
    log.error("SFTP request failed unexpectedly: {}", e.toString(), e);
    return SftpHelper.resolveStatusMessage(subStatus);
  }
}
