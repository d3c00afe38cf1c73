package ferry.vfs.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract over plain FTP; the FTPS variants subclass this with another server. */
class FtpVfsIT extends VfsContract {
  @RegisterExtension
  static final FtpTestServer SERVER = new FtpTestServer(FtpVfsConfig.TlsMode.NONE);

  protected FtpTestServer server() {
    return SERVER;
  }

  @Override
  protected Vfs createVfs() throws IOException {
    Files.createDirectories(server().root().resolve("data"));
    return new FtpVfs(server().config().withRootDir("/data"));
  }

  @Override
  protected void populate(VPath dir, int count) throws IOException {
    Path local = server().root().resolve("data" + dir);
    for (int i = 0; i < count; i++) {
      Files.createFile(local.resolve(String.format("f%04d", i)));
    }
  }

  @Test
  void wrongPasswordIsAccessDenied() throws IOException {
    FtpVfsConfig good = server().config();
    FtpVfsConfig bad =
        new FtpVfsConfig(
            good.host(),
            good.port(),
            good.username(),
            "wrong",
            good.tlsMode(),
            good.tlsInsecure(),
            good.trustedCertPem(),
            good.passive(),
            "",
            good.timeout());
    try (FtpVfs vfs = new FtpVfs(bad)) {
      assertThatThrownBy(() -> vfs.stat(VPath.ROOT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("login failed for user " + FtpTestServer.USER)
          .hasMessageContaining(vfs.endpoint());
    }
  }

  @Test
  void streamsClosedEarlyDoNotLeakConnections() throws IOException {
    write(base.child("f"), new byte[200_000]);
    for (int i = 0; i < 30; i++) {
      try (InputStream in = vfs.openRead(base.child("f"), i)) {
        assertThat(in.read()).isZero();
      }
    }
    assertThat(vfs.stat(base.child("f")).size()).isEqualTo(200_000);
  }

  @Test
  void configNeverPrintsThePassword() {
    assertThat(server().config().toString()).doesNotContain(FtpTestServer.PASSWORD).contains("***");
  }

  @Test
  void relativeRootDirStartsAtTheLoginDirectory() throws IOException {
    try (FtpVfs relative = new FtpVfs(server().config().withRootDir("data"))) {
      assertThat(relative.stat(base).isDir()).isTrue();
      assertThat(relative.endpoint()).endsWith("/~/data");
    }
  }
}
