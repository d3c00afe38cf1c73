package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over a test file session on a memory tree, driven by MINA's and OpenSSH's clients. */
class SftpServerTest {
  static final String USER = "bob";
  static final String PASSWORD = "bob-Secret-1";

  @TempDir static Path tmp;
  static MemoryVfs vfs;
  static VfsFileSession.Shared shared;
  static TestUsers users;
  static TestDefender defender;
  static SftpServer server;
  static int port;
  static SshClient client;

  @BeforeAll
  static void start() {
    vfs = new MemoryVfs();
    shared = new VfsFileSession.Shared(vfs);
    users = new TestUsers().add(TestUsers.user(USER, PASSWORD, List.of(), List.of()));
    defender = new TestDefender();
    server =
        new SftpServer(
            SftpdConfig.defaults("127.0.0.1", 0, tmp.resolve("ssh")),
            users,
            defender,
            (user, protocol, ip, disconnect) -> new VfsFileSession(shared, user, protocol, ip, disconnect));
    port = server.start();
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
  }

  @AfterAll
  static void stop() throws IOException {
    client.stop();
    server.stop();
  }

  @BeforeEach
  void reset() {
    shared.quota = 0;
    shared.permissions = Set.of(Permission.ALL);
    shared.records.clear();
    defender.events.clear();
    defender.banned.clear();
  }

  static ClientSession login(String user, String password) throws IOException {
    ClientSession s = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
    s.addPasswordIdentity(password);
    s.auth().verify(Duration.ofSeconds(10));
    return s;
  }

  static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  @Test
  void hostKeysAreCreatedPrivate() throws IOException {
    for (String f : List.of("ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key")) {
      Path key = tmp.resolve("ssh").resolve(f);
      assertThat(key).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }
  }

  @Test
  void putGetListRenameRemoveWithMinaClient() throws IOException {
    byte[] data = random(1_000_000);
    try (ClientSession s = login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      sftp.mkdir("/mina");
      try (OutputStream out = sftp.write("/mina/a.bin")) {
        out.write(data);
      }
      assertThat(vfs.stat(VPath.of("/mina/a.bin")).size()).isEqualTo(data.length);
      try (InputStream in = sftp.read("/mina/a.bin")) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      List<String> names = new ArrayList<>();
      sftp.readDir("/mina").forEach(e -> names.add(e.getFilename()));
      assertThat(names).contains("a.bin");
      assertThat(sftp.stat("/mina/a.bin").getSize()).isEqualTo(data.length);
      sftp.rename("/mina/a.bin", "/mina/b.bin");
      assertThat(vfs.find(VPath.of("/mina/a.bin"))).isEmpty();
      sftp.remove("/mina/b.bin");
      sftp.rmdir("/mina");
      assertThat(vfs.find(VPath.of("/mina"))).isEmpty();
    }
    assertThat(shared.records)
        .extracting(VfsFileSession.Record::protocol, VfsFileSession.Record::upload, VfsFileSession.Record::bytes)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("SFTP", true, 1_000_000L),
            org.assertj.core.groups.Tuple.tuple("SFTP", false, 1_000_000L));
    assertThat(users.loggedIn).contains(USER);
  }

  @Test
  void wrongPasswordIsRefusedAndScored() {
    assertThatThrownBy(() -> login(USER, "wrong")).isInstanceOf(IOException.class);
    assertThat(defender.events).extracting(TestDefender.Recorded::event).contains(ferry.core.auth.Defender.Event.LOGIN_FAILED);
  }

  @Test
  void unknownUserIsScoredOnce() {
    assertThatThrownBy(() -> login("nobody", "x")).isInstanceOf(IOException.class);
    assertThat(defender.events).extracting(TestDefender.Recorded::event).containsExactly(ferry.core.auth.Defender.Event.NO_SUCH_USER);
  }

  @Test
  void missingPermissionIsPermissionDeniedWithTheReason() throws IOException {
    shared.permissions = Set.of(Permission.LIST, Permission.DOWNLOAD);
    try (ClientSession s = login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      assertThatThrownBy(() -> sftp.mkdir("/nope"))
          .isInstanceOfSatisfying(
              SftpException.class,
              e -> {
                assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("permission create_dirs is missing on /nope");
              });
    }
  }

  @Test
  void missingFileIsNoSuchFile() throws IOException {
    try (ClientSession s = login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      assertThatThrownBy(() -> sftp.stat("/missing"))
          .isInstanceOfSatisfying(
              SftpException.class, e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
      assertThatThrownBy(() -> sftp.read("/missing").close())
          .isInstanceOfSatisfying(
              SftpException.class, e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
    }
  }

  @Test
  void quotaExceededMidUploadLeavesNoFile() throws IOException {
    shared.quota = 300_000;
    long before = shared.used.get();
    try (ClientSession s = login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      assertThatThrownBy(
              () -> {
                try (OutputStream out = sftp.write("/big.bin")) {
                  out.write(random(2_000_000));
                }
              })
          .isInstanceOfSatisfying(
              SftpException.class,
              e -> {
                assertThat(e.getStatus()).isIn(SftpConstants.SSH_FX_FAILURE, SftpConstants.SSH_FX_QUOTA_EXCEEDED);
                assertThat(e.getMessage()).contains("quota exceeded");
              });
    }
    assertThat(vfs.find(VPath.of("/big.bin"))).isEmpty();
    assertThat(shared.used.get()).isEqualTo(before);
  }

  @Test
  void pathsAreClampedAtTheRoot() throws IOException {
    vfs.mkdirs(VPath.of("/clamp"));
    try (ClientSession s = login(USER, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      assertThat(sftp.canonicalPath("../../..")).isEqualTo("/");
      try (OutputStream out = sftp.write("/../../../clamp/../escape.txt")) {
        out.write("x".getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(vfs.find(VPath.of("/escape.txt"))).isPresent();
  }

  @Test
  void bannedAddressIsCutOffBeforeTheHandshake() {
    defender.banned.add("127.0.0.1");
    assertThatThrownBy(() -> login(USER, PASSWORD)).isInstanceOf(Exception.class);
  }

  @Test
  void openSshPutGetWithPassword() throws Exception {
    byte[] data = random(3_000_000);
    Path local = tmp.resolve("ossh.bin");
    Files.write(local, data);
    Path back = tmp.resolve("ossh-back.bin");
    Path batch = tmp.resolve("batch");
    Files.writeString(batch, "put " + local + " /ossh.bin\nget /ossh.bin " + back + "\nls -l /\n");
    Result r = run(List.of("sshpass", "-p", PASSWORD, "sftp", "-oBatchMode=no", "-oStrictHostKeyChecking=no",
        "-oUserKnownHostsFile=/dev/null", "-P", String.valueOf(port), "-b", batch.toString(), USER + "@127.0.0.1"));
    assertThat(r.code).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(r.out).contains("ossh.bin").contains(USER);
  }

  record Result(int code, String out) {}

  static Result run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }
}
