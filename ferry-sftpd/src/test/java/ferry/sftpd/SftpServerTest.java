package ferry.sftpd;

import static ferry.sftpd.Clients.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.LoginUser;
import ferry.core.account.Permission;
import ferry.core.auth.Actor;
import ferry.core.auth.Defender;
import ferry.core.auth.Role;
import ferry.core.session.SessionUser;
import ferry.core.transfer.TransferRecord;
import ferry.sftpd.crypto.FastCiphers;
import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over the real file-session core, driven by MINA's, OpenSSH's and lftp's clients. */
class SftpServerTest {
  static final String BOB = "bob";
  static final String READER = "reader";
  static final String TIGHT = "tight";
  static final String PASSWORD = "Secret-pw-1";
  static final long QUOTA = 300_000;

  @TempDir static Path tmp;
  static Path key;
  static Fixture fx;

  @BeforeAll
  static void start() throws Exception {
    key = tmp.resolve("id_ed25519");
    Clients.Result gen = Clients.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()));
    assertThat(gen.code()).as(gen.out()).isZero();
    String pub = Files.readString(tmp.resolve("id_ed25519.pub")).trim();
    fx = new Fixture(tmp.resolve("ssh"));
    fx.addUser(BOB, PASSWORD, List.of(pub), Fixture.perms(Permission.ALL), 0);
    fx.addUser(READER, PASSWORD, List.of(), Fixture.perms(Permission.LIST, Permission.DOWNLOAD), 0);
    fx.addUser(TIGHT, PASSWORD, List.of(), Fixture.perms(Permission.ALL), QUOTA);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void reset() {
    fx.records.clear();
    fx.defender.events.clear();
    fx.defender.banned.clear();
  }

  static ClientSession login(String user, String password) throws IOException {
    return fx.login(user, password);
  }

  static SftpClient sftp(ClientSession s) throws IOException {
    return SftpClientFactory.instance().createSftpClient(s);
  }

  MemoryVfs home(String user) {
    return fx.storage(user);
  }

  @Test
  void hostKeysAreGeneratedOnceAndPrivate() throws IOException {
    for (String f : List.of("ssh_host_ed25519_key", "ssh_host_ecdsa_key", "ssh_host_rsa_key")) {
      Path k = tmp.resolve("ssh").resolve(f);
      assertThat(k).exists();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k))).isEqualTo("rw-------");
    }
    byte[] before = Files.readAllBytes(tmp.resolve("ssh/ssh_host_ed25519_key"));
    HostKeys.load(tmp.resolve("ssh"));
    assertThat(Files.readAllBytes(tmp.resolve("ssh/ssh_host_ed25519_key"))).isEqualTo(before);
  }

  @Test
  void putGetListRenameRemoveWithMinaClientWriteOneRecordEach() throws IOException {
    byte[] data = random(1_000_000);
    try (ClientSession s = login(BOB, PASSWORD);
        SftpClient sftp = sftp(s)) {
      sftp.mkdir("/mina");
      try (OutputStream out = sftp.write("/mina/a.bin")) {
        out.write(data);
      }
      assertThat(home(BOB).stat(VPath.of("/mina/a.bin")).size()).isEqualTo(data.length);
      try (InputStream in = sftp.read("/mina/a.bin")) {
        assertThat(in.readAllBytes()).isEqualTo(data);
      }
      List<String> names = new ArrayList<>();
      sftp.readDir("/mina").forEach(e -> names.add(e.getFilename()));
      assertThat(names).contains("a.bin");
      assertThat(sftp.stat("/mina/a.bin").getSize()).isEqualTo(data.length);
      sftp.rename("/mina/a.bin", "/mina/b.bin");
      assertThat(home(BOB).find(VPath.of("/mina/a.bin"))).isEmpty();
      sftp.remove("/mina/b.bin");
      sftp.rmdir("/mina");
      assertThat(home(BOB).find(VPath.of("/mina"))).isEmpty();
    }
    assertThat(fx.records)
        .extracting(TransferRecord::protocol, TransferRecord::direction, TransferRecord::bytes, TransferRecord::ok)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("SFTP", TransferRecord.UPLOAD, 1_000_000L, true),
            org.assertj.core.groups.Tuple.tuple("SFTP", TransferRecord.DOWNLOAD, 1_000_000L, true));
    assertThat(fx.users.loggedIn).contains(BOB);
  }

  @Test
  void aLoginBeyondMaxSessionsIsRefusedAtAuthentication() throws Exception {
    SessionUser single = new SessionUser("single", Map.of("/", Fixture.perms(Permission.ALL)), List.of(), 0, 0, 0,
        0, 0, 1, List.of(new SessionUser.Mount("/", null, Fixture.mem("single"), 0, 0)));
    fx.users.add(new LoginUser(single, PASSWORD, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    try (ClientSession first = login("single", PASSWORD); SftpClient files = sftp(first)) {
      files.mkdir("/held"); // the file session is open now
      assertThatThrownBy(() -> login("single", PASSWORD)).isInstanceOf(SshException.class);
      assertThat(fx.defender.events).isEmpty(); // a busy account is not an attack
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fx.connections.count("single") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20); // the server closes the file session when it sees the channel end
    }
    try (ClientSession again = login("single", PASSWORD); SftpClient files = sftp(again)) {
      assertThat(files.stat("/held").isDirectory()).isTrue();
    }
  }

  @Test
  void wrongPasswordIsRefusedAndScored() {
    assertThatThrownBy(() -> login(BOB, "wrong")).isInstanceOf(IOException.class);
    assertThat(fx.defender.events).extracting(TestDefender.Recorded::event).contains(Defender.Event.LOGIN_FAILED);
  }

  @Test
  void unknownUserIsScoredOncePerConnection() {
    assertThatThrownBy(() -> login("nobody", "x")).isInstanceOf(IOException.class);
    assertThat(fx.defender.events).extracting(TestDefender.Recorded::event).containsExactly(Defender.Event.NO_SUCH_USER);
  }

  @Test
  void missingPermissionIsPermissionDeniedWithTheReason() throws IOException {
    try (ClientSession s = login(READER, PASSWORD);
        SftpClient sftp = sftp(s)) {
      assertThatThrownBy(() -> sftp.mkdir("/nope"))
          .isInstanceOfSatisfying(
              SftpException.class,
              e -> {
                assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
                assertThat(e.getMessage()).contains("create_dirs");
              });
    }
  }

  @Test
  void missingFileIsNoSuchFile() throws IOException {
    try (ClientSession s = login(BOB, PASSWORD);
        SftpClient sftp = sftp(s)) {
      assertThatThrownBy(() -> sftp.stat("/missing"))
          .isInstanceOfSatisfying(
              SftpException.class, e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
      assertThatThrownBy(() -> sftp.read("/missing").close())
          .isInstanceOfSatisfying(
              SftpException.class, e -> assertThat(e.getStatus()).isEqualTo(SftpConstants.SSH_FX_NO_SUCH_FILE));
    }
  }

  @Test
  void quotaExceededMidUploadLeavesNoFileAndUsageUnchanged() throws IOException {
    long before = fx.usage.user(TIGHT).size();
    try (ClientSession s = login(TIGHT, PASSWORD);
        SftpClient sftp = sftp(s)) {
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
    assertThat(home(TIGHT).find(VPath.of("/big.bin"))).isEmpty();
    assertThat(fx.usage.user(TIGHT).size()).isEqualTo(before);
    assertThat(fx.records).singleElement().satisfies(r -> assertThat(r.ok()).isFalse());
  }

  @Test
  void pathsAreClampedAtTheRoot() throws IOException {
    home(BOB).mkdirs(VPath.of("/clamp"));
    try (ClientSession s = login(BOB, PASSWORD);
        SftpClient sftp = sftp(s)) {
      assertThat(sftp.canonicalPath("../../..")).isEqualTo("/");
      try (OutputStream out = sftp.write("/../../../clamp/../escape.txt")) {
        out.write('x');
      }
      assertThatThrownBy(() -> sftp.stat("/etc/passwd")).isInstanceOf(SftpException.class);
    }
    assertThat(home(BOB).find(VPath.of("/escape.txt"))).isPresent();
  }

  @Test
  void aClientThatVanishesMidUploadPublishesNothing() throws Exception {
    ClientSession s = login(BOB, PASSWORD);
    SftpClient sftp = sftp(s);
    SftpClient.CloseableHandle h =
        sftp.open("/cut.bin", EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate));
    byte[] chunk = random(32_768);
    for (int i = 0; i < 10; i++) {
      sftp.write(h, (long) i * chunk.length, chunk);
    }
    s.close(true);
    TransferRecord r = waitForRecord();
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isNotBlank();
    assertThat(home(BOB).find(VPath.of("/cut.bin"))).isEmpty();
  }

  private static TransferRecord waitForRecord() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fx.records.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(fx.records).hasSize(1);
    return fx.records.get(0);
  }

  @Test
  void bannedAddressIsCutOffBeforeTheHandshake() throws Exception {
    fx.defender.banned.add("127.0.0.1");
    Clients.Result r = Clients.sftpPassword(fx.port, BOB, PASSWORD, tmp, "ls");
    assertThat(r.code()).isNotZero();
    // the server drops the socket before its banner: the client sees a close or a reset, never a login prompt
    assertThat(r.out()).containsAnyOf("Connection closed", "Connection reset").doesNotContain("password");
  }

  @Test
  void openSshPutGetLsWithPassword() throws Exception {
    byte[] data = random(3_000_000);
    Path local = Files.write(tmp.resolve("ossh.bin"), data);
    Path back = tmp.resolve("ossh-back.bin");
    Clients.Result r =
        Clients.sftpPassword(fx.port, BOB, PASSWORD, tmp, "put " + local + " /ossh.bin", "get /ossh.bin " + back, "ls -l /");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(r.out()).containsPattern("-rw-r--r-- .* bob +bob +3000000 .* ossh.bin");
  }

  @Test
  void openSshNegotiatesEachAeadCipherAndChachaRunsOnFerrysImplementation() throws Exception {
    assertThat(fx.server.cipherFactories()).contains(FastCiphers.CHACHA20_POLY1305);
    byte[] data = random(5_000_000);
    Path local = Files.write(tmp.resolve("aead.bin"), data);
    for (String cipher : List.of("chacha20-poly1305@openssh.com", "aes128-gcm@openssh.com")) {
      Path back = tmp.resolve("aead-back.bin");
      Files.deleteIfExists(back);
      List<String> cmd =
          new ArrayList<>(List.of("sftp", "-v", "-c", cipher, "-oRekeyLimit=1M", "-i", key.toString(),
              "-oIdentitiesOnly=yes", "-oPasswordAuthentication=no"));
      cmd.addAll(Clients.NO_HOST_CHECK);
      Path batch = Files.writeString(tmp.resolve("aead-batch"), "put " + local + " /aead.bin\nget /aead.bin " + back + "\n");
      cmd.addAll(List.of("-P", String.valueOf(fx.port), "-b", batch.toString(), BOB + "@127.0.0.1"));
      Clients.Result r = Clients.run(cmd);
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(r.out()).contains("cipher: " + cipher);
      assertThat(Files.readAllBytes(back)).isEqualTo(data);
    }
  }

  @Test
  void openSshWithKeyRenamesAndRemoves() throws Exception {
    fx.users.lookups.clear();
    Path local = Files.write(tmp.resolve("k.txt"), "key login".getBytes());
    Clients.Result r =
        Clients.sftpKey(
            fx.port, BOB, key, tmp, "mkdir /kd", "put " + local + " /kd/k.txt", "rename /kd/k.txt /kd/k2.txt",
            "ls /kd", "rm /kd/k2.txt", "rmdir /kd");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("k2.txt");
    // the key query and the signed request share one account lookup
    assertThat(fx.users.lookups).containsExactly(BOB);
    assertThat(home(BOB).find(VPath.of("/kd"))).isEmpty();
  }

  @Test
  void openSshShowsPermissionDenied() throws Exception {
    Clients.Result r = Clients.sftpPassword(fx.port, READER, PASSWORD, tmp, "mkdir /x");
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).contains("Permission denied");
  }

  @Test
  void openSshReputResumesAnInterruptedUpload() throws Exception {
    byte[] data = random(1_500_000);
    Path local = Files.write(tmp.resolve("resume.bin"), data);
    try (var up = home(BOB).openWrite(VPath.of("/resume.bin"), WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(Arrays.copyOf(data, 600_000)));
      up.commit();
    }
    Clients.Result r = Clients.sftpPassword(fx.port, BOB, PASSWORD, tmp, "reput " + local + " /resume.bin");
    assertThat(r.code()).as(r.out()).isZero();
    try (InputStream in = home(BOB).openRead(VPath.of("/resume.bin"), 0)) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(fx.records).singleElement().satisfies(rec -> assertThat(rec.bytes()).isEqualTo(900_000));
  }

  @Test
  void scpProtocolUploadsAndDownloadsAsScp() throws Exception {
    byte[] data = random(700_000);
    Path local = Files.write(tmp.resolve("scp.bin"), data);
    Path back = tmp.resolve("scp-back.bin");
    Clients.Result up = Clients.scp(fx.port, PASSWORD, true, local.toString(), BOB + "@127.0.0.1:/scp.bin");
    assertThat(up.code()).as(up.out()).isZero();
    Clients.Result down = Clients.scp(fx.port, PASSWORD, true, BOB + "@127.0.0.1:/scp.bin", back.toString());
    assertThat(down.code()).as(down.out()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(fx.records).extracting(TransferRecord::protocol).containsExactly("SCP", "SCP");
  }

  @Test
  void scpIsDeniedWhatSftpIsDenied() throws Exception {
    Path local = Files.write(tmp.resolve("scp-denied.bin"), random(10));
    Clients.Result up = Clients.scp(fx.port, PASSWORD, true, local.toString(), READER + "@127.0.0.1:/x.bin");
    assertThat(up.code()).isNotZero();
    assertThat(up.out()).containsIgnoringCase("permission");
  }

  @Test
  void otherCommandsAndShellsAreRefused() throws Exception {
    try (ClientSession s = login(BOB, PASSWORD)) {
      try (ClientChannel exec = s.createExecChannel("md5sum /etc/passwd")) {
        exec.open().verify(Duration.ofSeconds(5));
        var events = exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
        assertThat(events).contains(ClientChannelEvent.CLOSED);
        assertThat(exec.getExitStatus()).isNotNull().isNotZero();
      }
      try (ClientChannel shell = s.createShellChannel()) {
        boolean opened;
        try {
          shell.open().verify(Duration.ofSeconds(5));
          opened = true;
        } catch (IOException e) {
          opened = false; // refusing the channel is a refusal too
        }
        if (opened) {
          var events = shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(5));
          assertThat(events).contains(ClientChannelEvent.CLOSED);
        }
      }
    }
  }

  @Test
  void lftpPutsGetsAndListsOverSftpV6() throws Exception {
    byte[] data = random(400_000);
    Path local = Files.write(tmp.resolve("lftp.bin"), data);
    Path back = tmp.resolve("lftp-back.bin");
    Clients.Result r =
        Clients.lftp(fx.port, BOB, PASSWORD, "put " + local + " -o /lftp.bin; get /lftp.bin -o " + back + "; ls /");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(r.out()).contains("lftp.bin");
  }

  @Test
  void lftpSeesQuotaExceeded() throws Exception {
    Path local = Files.write(tmp.resolve("lftp-big.bin"), random(1_000_000));
    Clients.Result r = Clients.lftp(fx.port, TIGHT, PASSWORD, "put " + local + " -o /lftp-big.bin");
    assertThat(r.code()).isNotZero();
    assertThat(r.out()).containsIgnoringCase("quota exceeded");
    assertThat(home(TIGHT).find(VPath.of("/lftp-big.bin"))).isEmpty();
  }

  @Test
  void anAdminCloseEndsTheSshSession() throws Exception {
    try (ClientSession s = login(BOB, PASSWORD);
        SftpClient sftp = sftp(s)) {
      sftp.stat("/");
      var live = fx.connections.list().stream().filter(c -> c.username().equals(BOB)).toList();
      assertThat(live).hasSize(1);
      fx.connections.close(new Actor("admin:root", "127.0.0.1", Role.ADMIN), live.get(0).id());
      s.waitFor(EnumSet.of(org.apache.sshd.client.session.ClientSession.ClientSessionEvent.CLOSED), Duration.ofSeconds(10));
      assertThat(s.isOpen()).isFalse();
    }
  }
}
