package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.session.UploadMode;
import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SFTP open flags become core upload modes, and the core's answer reaches the client (issue 12). */
class SftpOpenFlagsTest {
  static final String USER = "flags";
  static final String PASSWORD = "Secret-pw-1";

  @TempDir static Path tmp;
  static Fixture fx;

  @BeforeAll
  static void start() throws IOException {
    fx = new Fixture(tmp.resolve("ssh"));
    fx.addUser(USER, PASSWORD, java.util.List.of(), EnumSet.of(Permission.ALL), 0);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void file() throws IOException {
    put("/a.txt", "hello");
  }

  private static MemoryVfs home() {
    return fx.storage(USER);
  }

  private static void put(String path, String text) throws IOException {
    try (var up = home().openWrite(VPath.of(path), WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      up.commit();
    }
  }

  private static String get(String path) throws IOException {
    try (InputStream in = home().openRead(VPath.of(path), 0)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void write(SftpClient sftp, String path, long offset, String text, OpenMode... modes)
      throws IOException {
    try (SftpClient.CloseableHandle h = sftp.open(path, modes)) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      sftp.write(h, offset, b, 0, b.length);
    }
  }

  private static void failsWith(int status, SftpCall call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.getStatus()).isEqualTo(status));
  }

  interface SftpCall {
    void run() throws IOException;
  }

  @Test
  void theFlagsMapToTheModes() {
    assertThat(mode(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING))
        .isEqualTo(UploadMode.REPLACE);
    assertThat(mode(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.TRUNCATE_EXISTING)).isEqualTo(UploadMode.CREATE_NEW);
    assertThat(mode(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
        .isEqualTo(UploadMode.MUST_EXIST);
    assertThat(mode(StandardOpenOption.WRITE, StandardOpenOption.CREATE)).isEqualTo(UploadMode.OPEN);
    assertThat(mode(StandardOpenOption.APPEND)).isEqualTo(UploadMode.OPEN_EXISTING);
  }

  private static UploadMode mode(OpenOption... options) {
    return SessionFileSystem.uploadMode(Set.of(options));
  }

  @Test
  void createTruncateReplaces() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      write(sftp, "/a.txt", 0, "new", OpenMode.Write, OpenMode.Create, OpenMode.Truncate);
    }
    assertThat(get("/a.txt")).isEqualTo("new");
  }

  @Test
  void exclusiveRefusesAnExistingFile() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      failsWith(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS,
          () -> sftp.open("/a.txt", OpenMode.Write, OpenMode.Create, OpenMode.Exclusive).close());
      write(sftp, "/b.txt", 0, "b", OpenMode.Write, OpenMode.Create, OpenMode.Exclusive);
    }
    assertThat(get("/a.txt")).isEqualTo("hello");
    assertThat(get("/b.txt")).isEqualTo("b");
  }

  @Test
  void truncateWithoutCreateNeedsAnExistingFile() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      failsWith(SftpConstants.SSH_FX_NO_SUCH_FILE,
          () -> sftp.open("/missing.txt", OpenMode.Write, OpenMode.Truncate).close());
      write(sftp, "/a.txt", 0, "cut", OpenMode.Write, OpenMode.Truncate);
    }
    assertThat(home().find(VPath.of("/missing.txt"))).isEmpty();
    assertThat(get("/a.txt")).isEqualTo("cut");
  }

  @Test
  void withoutTruncateTheFirstWriteResumesOrRewrites() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      sftp.open("/a.txt", OpenMode.Write).close();
      assertThat(get("/a.txt")).isEqualTo("hello");
      write(sftp, "/a.txt", 5, " world", OpenMode.Write, OpenMode.Create);
      assertThat(get("/a.txt")).isEqualTo("hello world");
      write(sftp, "/a.txt", 0, "bye", OpenMode.Write);
      assertThat(get("/a.txt")).isEqualTo("bye");
      failsWith(SftpConstants.SSH_FX_FAILURE, () -> write(sftp, "/a.txt", 1, "x", OpenMode.Write));
      failsWith(SftpConstants.SSH_FX_NO_SUCH_FILE, () -> sftp.open("/missing.txt", OpenMode.Write).close());
    }
    assertThat(get("/a.txt")).isEqualTo("bye");
  }

  @Test
  void appendContinuesTheFile() throws IOException {
    try (ClientSession s = fx.login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      // the server writes APPEND data at the end whatever offset the client names
      write(sftp, "/a.txt", 0, "!", OpenMode.Write, OpenMode.Append);
    }
    assertThat(get("/a.txt")).isEqualTo("hello!");
  }
}
