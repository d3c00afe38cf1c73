package ferry.vfs.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsContract;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SftpVfsIT extends VfsContract {
  @RegisterExtension static final SftpTestServer SERVER = new SftpTestServer();

  @Override
  protected Vfs createVfs() throws IOException {
    Files.createDirectories(SERVER.root().resolve("data"));
    return new SftpVfs(SERVER.config().withRootDir("/data"));
  }

  @Override
  protected void populate(VPath dir, int count) throws IOException {
    Path local = SERVER.root().resolve("data" + dir);
    for (int i = 0; i < count; i++) {
      Files.createFile(local.resolve(String.format("f%04d", i)));
    }
  }

  @Test
  void unknownHostKeyIsRefusedShowingTheFingerprintSeen() throws IOException {
    String other = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    try (SftpVfs vfs =
        new SftpVfs(
            SftpVfsConfig.withPassword(
                "127.0.0.1",
                SERVER.port(),
                SftpTestServer.USER,
                SftpTestServer.PASSWORD,
                List.of(other)))) {
      assertThatThrownBy(() -> vfs.stat(VPath.ROOT))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(SftpConnector.normalize(SERVER.fingerprint()))
          .hasMessageContaining("not among the pinned fingerprints")
          .hasMessageContaining("sftp://alice@127.0.0.1:" + SERVER.port());
    }
  }

  @Test
  void wrongPasswordIsAccessDenied() throws IOException {
    try (SftpVfs vfs =
        new SftpVfs(
            SftpVfsConfig.withPassword(
                "127.0.0.1",
                SERVER.port(),
                SftpTestServer.USER,
                "wrong",
                List.of(SERVER.fingerprint())))) {
      assertThatThrownBy(() -> vfs.stat(VPath.ROOT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("authentication failed for user alice");
    }
  }

  @Test
  void logsInWithAnEncryptedPrivateKey() throws Exception {
    SftpVfsConfig keyOnly =
        SftpVfsConfig.withPassword(
                "127.0.0.1", SERVER.port(), SftpTestServer.USER, "", List.of(SERVER.fingerprint()))
            .withPrivateKey(SERVER.clientKeyPem("key pass"), "key pass")
            .withRootDir("/data");
    try (SftpVfs vfs = new SftpVfs(keyOnly)) {
      assertThat(vfs.stat(base).isDir()).isTrue();
    }
  }

  @Test
  void wrongKeyPassphraseFailsAtConstruction() throws Exception {
    SftpVfsConfig bad =
        SftpVfsConfig.withPassword(
                "127.0.0.1", SERVER.port(), SftpTestServer.USER, "", List.of(SERVER.fingerprint()))
            .withPrivateKey(SERVER.clientKeyPem("key pass"), "nope");
    assertThatThrownBy(() -> new SftpVfs(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("private key");
  }

  @Test
  void reconnectsAfterTheSessionDrops() throws IOException {
    write(base.child("f"), "x".getBytes());
    ((SftpVfs) vfs).conn().sftp().close();
    assertThat(vfs.stat(base.child("f")).size()).isEqualTo(1);
  }

  @Test
  void configNeverPrintsSecrets() throws Exception {
    SftpVfsConfig c = SERVER.config().withPrivateKey(SERVER.clientKeyPem(""), "pp");
    assertThat(c.toString())
        .doesNotContain(SftpTestServer.PASSWORD)
        .doesNotContain("PRIVATE KEY")
        .contains("***");
  }

  @Test
  void withNothingPinnedEveryHostKeyIsRefusedShowingTheOneSeen() throws IOException {
    try (SftpVfs vfs =
        new SftpVfs(
            SftpVfsConfig.withPassword(
                "127.0.0.1", SERVER.port(), SftpTestServer.USER, SftpTestServer.PASSWORD, List.of()))) {
      assertThatThrownBy(() -> vfs.stat(VPath.ROOT))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(SftpConnector.normalize(SERVER.fingerprint()))
          .hasMessageContaining("is not pinned");
    }
  }

  @Test
  void relativeRootDirStartsAtTheLoginDirectory() throws IOException {
    try (SftpVfs relative = new SftpVfs(SERVER.config().withRootDir("data"))) {
      assertThat(relative.stat(base).isDir()).isTrue();
      assertThat(relative.endpoint()).endsWith("/~/data");
    }
  }
}
