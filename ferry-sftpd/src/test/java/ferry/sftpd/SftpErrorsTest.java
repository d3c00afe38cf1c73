package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.error.QuotaExceededException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.Test;

class SftpErrorsTest {
  @Test
  void quotaIsFailureWithItsTextForV3AndQuotaExceededFromV5() {
    var e = new QuotaExceededException("the upload would exceed the quota");
    assertThat(SftpErrors.status(e, 3)).isEqualTo(SftpConstants.SSH_FX_FAILURE);
    assertThat(SftpErrors.status(e, 5)).isEqualTo(SftpConstants.SSH_FX_QUOTA_EXCEEDED);
    assertThat(SftpErrors.status(e, 6)).isEqualTo(SftpConstants.SSH_FX_QUOTA_EXCEEDED);
    assertThat(SftpErrors.message(e, SftpConstants.SSH_FX_FAILURE)).isEqualTo("quota exceeded");
  }

  @Test
  void accessDeniedCarriesItsReason() {
    var e = new AccessDeniedException("/x", null, "permission denied: 'upload' is not granted in /");
    assertThat(SftpErrors.status(e, 3)).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
    assertThat(SftpErrors.message(e, 3)).isEqualTo("permission denied: 'upload' is not granted in /");
  }

  @Test
  void codesNewerThanTheNegotiatedVersionBecomeFailure() {
    assertThat(SftpErrors.status(new FileAlreadyExistsException("/a"), 3)).isEqualTo(SftpConstants.SSH_FX_FAILURE);
    assertThat(SftpErrors.status(new FileAlreadyExistsException("/a"), 4))
        .isEqualTo(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS);
    assertThat(SftpErrors.status(new DirectoryNotEmptyException("/d"), 3)).isEqualTo(SftpConstants.SSH_FX_FAILURE);
    assertThat(SftpErrors.status(new DirectoryNotEmptyException("/d"), 6)).isEqualTo(SftpConstants.SSH_FX_DIR_NOT_EMPTY);
    var tooMany = new SftpException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "Too many open handles");
    assertThat(SftpErrors.status(tooMany, 3)).isEqualTo(SftpConstants.SSH_FX_FAILURE);
    assertThat(SftpErrors.status(tooMany, 6)).isEqualTo(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM);
    assertThat(SftpErrors.status(new NoSuchFileException("/n"), 3)).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE);
  }

  @Test
  void unexpectedErrorsShowOnlyTheStandardText() {
    var e = new IllegalStateException("s3://secret-bucket exploded");
    int status = SftpErrors.status(e, 3);
    assertThat(status).isEqualTo(SftpConstants.SSH_FX_FAILURE);
    assertThat(SftpErrors.message(e, status))
        .isEqualTo(org.apache.sshd.sftp.common.SftpHelper.resolveStatusMessage(status))
        .doesNotContain("secret");
  }
}
