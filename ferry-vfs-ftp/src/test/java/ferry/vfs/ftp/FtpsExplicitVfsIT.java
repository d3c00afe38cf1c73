package ferry.vfs.ftp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VPath;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract over explicit FTPS (AUTH TLS, PROT P), trusting the server's self-signed cert. */
class FtpsExplicitVfsIT extends FtpVfsIT {
  @RegisterExtension
  static final FtpTestServer TLS_SERVER = new FtpTestServer(FtpVfsConfig.TlsMode.EXPLICIT);

  @Override
  protected FtpTestServer server() {
    return TLS_SERVER;
  }

  @Test
  void untrustedCertificateIsRefused() throws IOException {
    FtpVfsConfig defaultTrust = server().config().withTls(FtpVfsConfig.TlsMode.EXPLICIT, "");
    try (FtpVfs vfs = new FtpVfs(defaultTrust)) {
      assertThatThrownBy(() -> vfs.stat(VPath.ROOT))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(vfs.endpoint())
          .hasStackTraceContaining("PKIX");
    }
  }
}
