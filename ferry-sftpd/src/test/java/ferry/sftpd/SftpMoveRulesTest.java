package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.session.SessionUser;
import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.CopyDataExtension;
import org.apache.sshd.sftp.client.extensions.CopyFileExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over SFTP, a directory with its own rules cannot be moved out from under them (issue 10). */
class SftpMoveRulesTest {
  static final String USER = "ruled";
  static final String PASSWORD = "Secret-pw-1";

  @TempDir static Path tmp;
  static Fixture fx;

  @BeforeAll
  static void start() throws IOException {
    fx = new Fixture(tmp.resolve("ssh"));
    fx.addUser(
        USER,
        PASSWORD,
        List.of(),
        Map.of(
            "/", EnumSet.of(Permission.ALL),
            "/ro", EnumSet.of(Permission.LIST, Permission.DOWNLOAD),
            "/deny", EnumSet.of(Permission.LIST)),
        0,
        List.of(new SessionUser.Mount("/", null, Fixture.mem(USER), 0, 0)));
    put(fx.storage(USER), "/ro/f.txt", "read only");
    put(fx.storage(USER), "/deny/secret.txt", "not downloadable");
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  private static void put(MemoryVfs vfs, String path, String text) throws IOException {
    VPath p = VPath.of(path);
    vfs.mkdirs(p.parentOrRoot());
    try (var up = vfs.openWrite(p, WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      up.commit();
    }
  }

  private static void permissionDenied(SftpCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            SftpException.class, e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED));
  }

  interface SftpCall {
    void run() throws IOException;
  }

  @Test
  void renamingARuledDirectoryIsRefused() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      permissionDenied(() -> sftp.rename("/ro", "/ro2"));
      permissionDenied(() -> sftp.rename("/deny", "/deny2", SftpClient.CopyMode.Overwrite));
      permissionDenied(() -> sftp.write("/ro/f2.txt").close());
      permissionDenied(() -> sftp.read("/deny/secret.txt").close());
      assertThat(sftp.stat("/ro/f.txt").getSize()).isEqualTo(9);
    }
    assertThat(fx.storage(USER).find(VPath.of("/ro2"))).isEmpty();
    assertThat(fx.storage(USER).find(VPath.of("/deny2"))).isEmpty();
  }

  @Test
  void copyExtensionsCannotTakeARuledFileOut() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      CopyDataExtension copyData = sftp.getExtension(CopyDataExtension.class);
      assertThat(copyData.isSupported()).isTrue();
      permissionDenied(() -> {
        try (SftpClient.CloseableHandle src = sftp.open("/deny/secret.txt", SftpClient.OpenMode.Read);
            SftpClient.CloseableHandle dst =
                sftp.open("/stolen.txt", SftpClient.OpenMode.Write, SftpClient.OpenMode.Create)) {
          copyData.copyData(src, 0, 0, dst, 0);
        }
      });
      CopyFileExtension copyFile = sftp.getExtension(CopyFileExtension.class);
      assertThatThrownBy(() -> copyFile.copyFile("/ro", "/ro2", false)).isInstanceOf(SftpException.class);
    }
    assertThat(fx.storage(USER).find(VPath.of("/stolen.txt"))).isEmpty();
    assertThat(fx.storage(USER).find(VPath.of("/ro2"))).isEmpty();
  }
}
