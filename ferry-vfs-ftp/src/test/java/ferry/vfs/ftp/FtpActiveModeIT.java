package ferry.vfs.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.CopyChecks;
import ferry.vfs.VPath;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Active-mode data connections (the server connects back), and TLS without certificate checks. */
class FtpActiveModeIT {
  @RegisterExtension
  static final FtpTestServer PLAIN = new FtpTestServer(FtpVfsConfig.TlsMode.NONE);

  @RegisterExtension
  static final FtpTestServer TLS = new FtpTestServer(FtpVfsConfig.TlsMode.IMPLICIT);

  @Test
  void activeModeTransfersAndLists() throws IOException {
    try (FtpVfs vfs = new FtpVfs(PLAIN.config().withPassive(false))) {
      String sha = CopyChecks.seed(vfs, VPath.of("/active.bin"), 300_000, 3);
      assertThat(ferry.vfs.TestData.sha256(vfs.openRead(VPath.of("/active.bin"), 0)))
          .isEqualTo(sha);
      assertThat(vfs.stat(VPath.of("/active.bin")).size()).isEqualTo(300_000);
    }
  }

  @Test
  void insecureTlsAcceptsAnUntrustedCertificate() throws IOException {
    try (FtpVfs vfs = new FtpVfs(TLS.config().withInsecureTls(FtpVfsConfig.TlsMode.IMPLICIT))) {
      assertThat(vfs.stat(VPath.ROOT).isDir()).isTrue();
      assertThat(vfs.endpoint()).startsWith("ftps://bob@127.0.0.1:");
    }
  }
}
