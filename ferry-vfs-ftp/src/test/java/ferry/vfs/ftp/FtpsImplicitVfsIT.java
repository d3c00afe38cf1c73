package ferry.vfs.ftp;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract over implicit FTPS (TLS from the first byte). */
class FtpsImplicitVfsIT extends FtpVfsIT {
  @RegisterExtension
  static final FtpTestServer TLS_SERVER = new FtpTestServer(FtpVfsConfig.TlsMode.IMPLICIT);

  @Override
  protected FtpTestServer server() {
    return TLS_SERVER;
  }
}
