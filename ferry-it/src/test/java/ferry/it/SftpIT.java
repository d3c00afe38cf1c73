package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SshClients;
import ferry.it.support.Waits;
import ferry.vfs.s3.S3TestServer;
import ferry.vfs.sftp.SftpTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP/SCP server end to end: a real {@code ferry serve}, users made with the real {@code ferry
 * user} CLI, and the real OpenSSH {@code sftp}/{@code scp} and {@code lftp} clients. Homes on local
 * disk, on S3 (s3proxy) and on a remote SFTP server (MINA), plus a virtual folder on S3.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SftpIT {
  @RegisterExtension static final S3TestServer S3 = new S3TestServer();
  @RegisterExtension static final SftpTestServer REMOTE = new SftpTestServer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PW = "Sftp-It-Pw-4711";
  private static final long QUOTA = 1024 * 1024;

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static String admin;
  static SshClients ssh;
  static Path homes;
  static Path key;

  @BeforeAll
  static void start() throws Exception {
    // the parallel-clients test opens 200 connections from loopback at once: exempt it from the
    // Defender's per-address connection limits (the default safe list is empty; SftpDefenderIT
    // tests the limits)
    server = FerryProcess.start(tmp.resolve("ferry-data"),
        List.of("--sftp-max-auth-tries", "3", "--defender-safe-list", "127.0.0.1/32"), Map.of());
    api = server.api();
    admin = server.cliKey();
    assertThat(server.sftpPort()).isPositive();
    ssh = new SshClients(server.sftpPort(), tmp);
    homes = Files.createDirectories(tmp.resolve("homes"));
    key = SshClients.keygen(tmp.resolve("id_ed25519"));
    ok("user", "add", "--username", "alice", "--password", PW, "--public-key", tmp.resolve("id_ed25519.pub").toString(),
        "--home-dir", homes.resolve("alice").toString(), "--permissions", "/=*");
    Files.createDirectories(homes.resolve("alice"));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static Launch.Result ferry(String... args) {
    return Launch.run(List.of(args), Map.of(), tmp, null);
  }

  static Launch.Result ok(String... args) {
    Launch.Result r = ferry(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  static Path json(String name, Object value) throws Exception {
    return Files.writeString(tmp.resolve(name), JSON.writeValueAsString(value));
  }

  static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static Path local(String name, byte[] data) throws Exception {
    return Files.write(tmp.resolve(name), data);
  }

  static JsonNode transfers(String user) {
    return api.expect(200, "GET", "/v1/adm/transfers?username=" + user + "&limit=500", admin, null);
  }

  // ---------------------------------------------------------------- logins and basic operations

  @Test
  @Order(1)
  void passwordLoginPutsGetsListsRenamesAndRemoves() throws Exception {
    byte[] data = random(2_500_000, 1);
    Path src = local("a.bin", data);
    Path back = tmp.resolve("a-back.bin");
    Launch.Result r = ssh.sftp("alice", PW, "mkdir /docs", "put " + src + " /docs/a.bin", "ls -l /docs",
        "get /docs/a.bin " + back, "rename /docs/a.bin /docs/b.bin", "ls /docs");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(Files.readAllBytes(homes.resolve("alice/docs/b.bin"))).isEqualTo(data);
    assertThat(r.out()).containsPattern("-rw-r--r-- .* alice +alice +2500000 .* a.bin").contains("b.bin");

    Launch.Result rm = ssh.sftp("alice", PW, "rm /docs/b.bin", "rmdir /docs", "ls /");
    assertThat(rm.exitCode()).as(rm.toString()).isZero();
    assertThat(homes.resolve("alice/docs")).doesNotExist();

    JsonNode t = transfers("alice").path("items");
    assertThat(t).hasSize(2);
    assertThat(t.findValuesAsText("protocol")).containsOnly("SFTP");
    assertThat(t.findValuesAsText("direction")).containsExactlyInAnyOrder("upload", "download");
    assertThat(server.log()).contains("SSH login: user=alice remote_addr=127.0.0.1 method=password");
  }

  @Test
  @Order(2)
  void keyLoginWorksAndAWrongPasswordIsRefused() throws Exception {
    Path src = local("k.txt", "by key".getBytes());
    Launch.Result r = ssh.sftpWithKey("alice", key, "put " + src + " /k.txt", "ls /");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(homes.resolve("alice/k.txt")).hasContent("by key");
    assertThat(server.log()).contains("SSH login: user=alice remote_addr=127.0.0.1 method=publickey");

    Launch.Result wrong = ssh.sftp("alice", "not-the-password", "ls /");
    assertThat(wrong.exitCode()).isNotZero();
    assertThat(wrong.out()).containsIgnoringCase("permission denied");
  }

  @Test
  @Order(3)
  void scpInItsSftpModeCreatesAndOverwritesWithoutErrors() throws Exception {
    // OpenSSH scp opens without TRUNCATE and sets the size on the handle before CLOSE, when the
    // upload is not yet visible under its name; that FSETSTAT used to fail ("remote fsetstat").
    Path first = local("scp-sftp-1.txt", "a longer first version\n".getBytes(StandardCharsets.UTF_8));
    Path second = local("scp-sftp-2.txt", "second\n".getBytes(StandardCharsets.UTF_8));
    for (Path src : List.of(first, second)) {
      Launch.Result up = ssh.scpOverSftp(PW, src.toString(), "alice@127.0.0.1:/scp-sftp.txt");
      assertThat(up.exitCode()).as(up.toString()).isZero();
      assertThat(up.out() + up.err()).doesNotContain("fsetstat");
      assertThat(homes.resolve("alice/scp-sftp.txt")).hasSameBinaryContentAs(src);
    }
  }

  @Test
  @Order(3)
  void scpUploadsAndDownloadsWithScpRecords() throws Exception {
    byte[] data = random(800_000, 3);
    Path src = local("scp.bin", data);
    Path back = tmp.resolve("scp-back.bin");
    Launch.Result up = ssh.scp(PW, src.toString(), "alice@127.0.0.1:/scp.bin");
    assertThat(up.exitCode()).as(up.toString()).isZero();
    Launch.Result down = ssh.scp(PW, "alice@127.0.0.1:/scp.bin", back.toString());
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    JsonNode scp = api.expect(200, "GET", "/v1/adm/transfers?username=alice&protocol=SCP", admin, null);
    assertThat(scp.path("items")).hasSize(2);
  }

  @Test
  @Order(4)
  void lftpPutsGetsAndLists() throws Exception {
    byte[] data = random(600_000, 4);
    Path src = local("lftp.bin", data);
    Path back = tmp.resolve("lftp-back.bin");
    Launch.Result r = ssh.lftp("alice", PW, "put " + src + " -o /lftp.bin; get /lftp.bin -o " + back + "; cls -l /");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(r.out()).contains("lftp.bin");
  }

  @Test
  @Order(5)
  void reputResumesAnInterruptedUpload() throws Exception {
    byte[] data = random(3_000_000, 5);
    Path src = local("resume.bin", data);
    // what an upload cut off after 1 MB leaves behind with resume on
    Files.write(homes.resolve("alice/resume.bin"), Arrays.copyOf(data, 1_000_000));
    Launch.Result r = ssh.sftp("alice", PW, "reput " + src + " /resume.bin");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(homes.resolve("alice/resume.bin"))).isEqualTo(data);
    JsonNode last = transfers("alice").path("items").get(0);
    assertThat(last.path("path").asText()).isEqualTo("/resume.bin");
    assertThat(last.path("bytes").asLong()).isEqualTo(2_000_000);
  }

  // ---------------------------------------------------------------- libssh2 clients, login limits

  @Test
  @Order(6)
  void curlOverSftpUploadsRenamesAndDownloadsByteIdentical() throws Exception {
    Path src = local("curl-sftp.bin", random(1_500_000, 6));
    Path back = tmp.resolve("curl-sftp-back.bin");
    Launch.Result up = ssh.curl("sftp", "alice", PW, "/curl/up.bin", "--ftp-create-dirs", "-T", src.toString());
    assertThat(up.exitCode()).as(up.toString()).isZero();
    Launch.Result moved = ssh.curl("sftp", "alice", PW, "/curl/", "-Q", "rename /curl/up.bin /curl/moved.bin");
    assertThat(moved.exitCode()).as(moved.toString()).isZero();
    Launch.Result down = ssh.curl("sftp", "alice", PW, "/curl/moved.bin", "-o", back.toString());
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(sha256(back)).isEqualTo(sha256(src));
    assertThat(sha256(homes.resolve("alice/curl/moved.bin"))).isEqualTo(sha256(src));
    assertThat(homes.resolve("alice/curl/up.bin")).doesNotExist();
  }

  @Test
  @Order(6)
  void curlOverScpCopiesBothWaysByteIdentical() throws Exception {
    Path src = local("curl-scp.bin", random(1_200_000, 7));
    Path back = tmp.resolve("curl-scp-back.bin");
    Launch.Result up = ssh.curl("scp", "alice", PW, "/curl-scp.bin", "-T", src.toString());
    assertThat(up.exitCode()).as(up.toString()).isZero();
    Launch.Result down = ssh.curl("scp", "alice", PW, "/curl-scp.bin", "-o", back.toString());
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(sha256(back)).isEqualTo(sha256(src));
    assertThat(sha256(homes.resolve("alice/curl-scp.bin"))).isEqualTo(sha256(src));
  }

  @Test
  @Order(7)
  void aConnectionIsClosedAfterSftpMaxAuthTriesWrongPasswords() throws Exception {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
    try (ClientSession s = client.connect("alice", "127.0.0.1", server.sftpPort()).verify(Duration.ofSeconds(30))
        .getSession()) {
      for (int i = 0; i < 10; i++) s.addPasswordIdentity("wrong-" + i);
      s.addPasswordIdentity(PW);
      assertThatThrownBy(() -> s.auth().verify(Duration.ofSeconds(30))).isInstanceOf(IOException.class);
      s.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), Duration.ofSeconds(30));
      assertThat(s.isAuthenticated()).isFalse();
    } finally {
      client.stop();
    }
    Waits.until("the limit in the log", Duration.ofSeconds(10),
        () -> server.log().contains("3 failed login attempts (max_auth_tries)") ? Boolean.TRUE : null);
  }

  static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  // ---------------------------------------------------------------- permissions

  @Test
  @Order(10)
  void eachMissingPermissionIsPermissionDeniedWithItsReason() throws Exception {
    Path home = Files.createDirectories(homes.resolve("limited"));
    for (String d : List.of("ro/sub", "wo", "hidden")) Files.createDirectories(home.resolve(d));
    Files.writeString(home.resolve("ro/file.txt"), "read only");
    Files.writeString(home.resolve("wo/exists.txt"), "write only");
    Files.writeString(home.resolve("hidden/secret.txt"), "no list");
    ok("user", "add", "--username", "limited", "--password", PW, "--home-dir", home.toString(),
        "--permissions", "/=*", "/ro=list,download", "/wo=list,upload", "/hidden=download");
    Path src = local("p.txt", "x".getBytes());
    Path back = tmp.resolve("p-back.txt");

    Map<String, String> denied = new LinkedHashMap<>();
    denied.put("put " + src + " /ro/new.txt", "upload");
    denied.put("mkdir /ro/newdir", "create_dirs");
    denied.put("rm /ro/file.txt", "delete_files");
    denied.put("rmdir /ro/sub", "delete_dirs");
    denied.put("rename /ro/file.txt /ro/moved.txt", "rename_files");
    denied.put("get /wo/exists.txt " + back, "download");
    denied.put("put " + src + " /wo/exists.txt", "overwrite");
    denied.put("ls /hidden", "list");
    for (var e : denied.entrySet()) {
      Launch.Result openssh = ssh.sftp("limited", PW, e.getKey());
      assertThat(openssh.exitCode()).as(e.getKey() + ": " + openssh).isNotZero();
      assertThat(openssh.out()).as(e.getKey()).contains("Permission denied");
      String lftpCmd = e.getKey().startsWith("ls") ? "cls /hidden" : lftpForm(e.getKey(), src, back);
      Launch.Result lftp = ssh.lftp("limited", PW, lftpCmd);
      assertThat(lftp.exitCode()).as(lftpCmd + ": " + lftp).isNotZero();
      assertThat(lftp.out()).as(lftpCmd).contains("'" + e.getValue() + "'");
    }
    assertThat(home.resolve("ro/file.txt")).hasContent("read only");
    assertThat(home.resolve("wo/exists.txt")).hasContent("write only");
    assertThat(home.resolve("ro/new.txt")).doesNotExist();
  }

  /** The lftp command doing what the OpenSSH batch line does. */
  private static String lftpForm(String line, Path src, Path back) {
    String[] w = line.split(" ");
    return switch (w[0]) {
      case "put" -> "put " + w[1] + " -o " + w[2];
      case "get" -> "get " + w[1] + " -o " + w[2];
      case "rename" -> "mv " + w[1] + " " + w[2];
      default -> line;
    };
  }

  @Test
  @Order(12)
  void putPreservesTheModificationTimeWhereChtimesIsGranted() throws Exception {
    Path home = Files.createDirectories(homes.resolve("times"));
    Files.createDirectories(home.resolve("frozen"));
    Files.writeString(home.resolve("frozen/f.txt"), "x");
    ok("user", "add", "--username", "times", "--password", PW, "--home-dir", home.toString(),
        "--permissions", "/=*", "/frozen=list,download,upload,overwrite");
    Instant then = Instant.parse("2001-02-03T04:05:06Z");
    Path src = local("dated.txt", "from 2001".getBytes());
    Files.setLastModifiedTime(src, FileTime.from(then));

    // put -p sends the times and the mode on the open handle, before CLOSE publishes the file
    Launch.Result put = ssh.sftp("times", PW, "put -p " + src + " /dated.txt", "put -p " + src + " /dated.txt");
    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(Files.getLastModifiedTime(home.resolve("dated.txt")).toInstant()).isEqualTo(then);
    // scp -p, in the SCP protocol (-O) and in its default SFTP mode
    for (String[] mode : List.of(new String[] {"-O", "-p"}, new String[] {"-p"})) {
      Launch.Result scp = ssh.scp(PW, src.toString(), "times@127.0.0.1:/scp" + mode.length + ".txt", mode);
      assertThat(scp.exitCode()).as(scp.toString()).isZero();
      assertThat(Files.getLastModifiedTime(home.resolve("scp" + mode.length + ".txt")).toInstant()).isEqualTo(then);
    }

    Launch.Result chmod = ssh.sftp("times", PW, "chmod 600 /frozen/f.txt");
    assertThat(chmod.exitCode()).as(chmod.toString()).isNotZero();
    assertThat(chmod.out()).contains("Permission denied");
    Launch.Result frozen = ssh.sftp("times", PW, "put -p " + src + " /frozen/g.txt");
    assertThat(frozen.out()).as(frozen.toString()).contains("Permission denied");
    assertThat(home.resolve("frozen/g.txt")).hasContent("from 2001");
    assertThat(Files.getLastModifiedTime(home.resolve("frozen/g.txt")).toInstant()).isAfter(then);
  }

  @Test
  @Order(11)
  void pathsNeverLeaveTheHome() throws Exception {
    Files.writeString(homes.resolve("outside.txt"), "not alice's");
    Path back = tmp.resolve("outside-back.txt");
    Launch.Result r = ssh.sftp("alice", PW, "cd ../../..", "pwd", "-get ../outside.txt " + back,
        "-get /../outside.txt " + back, "-get " + homes.resolve("outside.txt") + " " + back, "ls -a ..");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("Remote working directory: /");
    assertThat(back).doesNotExist();
    Path src = local("t.txt", "t".getBytes());
    Launch.Result put = ssh.sftp("alice", PW, "put " + src + " ../../t.txt");
    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(homes.resolve("alice/t.txt")).exists();
    assertThat(homes.resolve("t.txt")).doesNotExist();
  }

  // ---------------------------------------------------------------- quota

  @Test
  @Order(20)
  void quotaExceededMidUploadLeavesNoPartialFileAndAConsistentUsage() throws Exception {
    Path home = Files.createDirectories(homes.resolve("quota"));
    ok("user", "add", "--username", "quota", "--password", PW, "--home-dir", home.toString(),
        "--permissions", "/=*", "--quota-size", String.valueOf(QUOTA));
    Path small = local("small.bin", random(300_000, 20));
    Path big = local("big.bin", random(3_000_000, 21));
    Launch.Result first = ssh.sftp("quota", PW, "put " + small + " /small.bin");
    assertThat(first.exitCode()).as(first.toString()).isZero();

    Launch.Result openssh = ssh.sftp("quota", PW, "put " + big + " /big.bin");
    assertThat(openssh.exitCode()).isNotZero();
    assertThat(openssh.out()).contains("Failure");
    Launch.Result lftp = ssh.lftp("quota", PW, "put " + big + " -o /big2.bin");
    assertThat(lftp.exitCode()).isNotZero();
    assertThat(lftp.out()).containsIgnoringCase("quota exceeded");

    assertThat(home.resolve("big.bin")).doesNotExist();
    assertThat(home.resolve("big2.bin")).doesNotExist();
    // A client that drops the connection instead of closing the file has its upload aborted in
    // the background, moments after it exits.
    Waits.until("the aborted uploads' temporary files are gone", Duration.ofSeconds(10), () -> {
      try (var files = Files.list(home)) {
        return files.map(p -> p.getFileName().toString()).toList().equals(List.of("small.bin")) ? true : null;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    JsonNode user = JSON.readTree(ok("user", "get", "quota").out());
    assertThat(user.path("used_quota_size").asLong()).isEqualTo(300_000);
    assertThat(user.path("used_quota_files").asLong()).isEqualTo(1);
    JsonNode failed = api.expect(200, "GET", "/v1/adm/transfers?username=quota&ok=false", admin, null);
    assertThat(failed.path("items")).hasSize(2);
  }

  @Test
  @Order(21)
  void aBandwidthLimitForTheClientsNetworkPacesItsDownloads() throws Exception {
    Path home = Files.createDirectories(homes.resolve("paced"));
    Files.write(home.resolve("f.bin"), random(600_000, 22));
    Path user = json("paced.json", Map.of("username", "paced", "password", PW, "home_dir", home.toString(),
        "permissions", Map.of("/", List.of("*")),
        "filters", Map.of("bandwidth_limits", List.of(
            Map.of("sources", List.of("10.9.0.0/16"), "download_bandwidth", 1),
            Map.of("sources", List.of("127.0.0.0/8"), "download_bandwidth", 200)))));
    ok("user", "add", "--json", user.toString());
    long start = System.nanoTime();
    Launch.Result r = ssh.sftp("paced", PW, "get /f.bin " + tmp.resolve("paced.bin"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(tmp.resolve("paced.bin")).hasSize(600_000);
    // 600,000 bytes at 200 KB/s (the 127.0.0.0/8 entry; the 10.9.0.0/16 one does not match) take ~2.9 s
    assertThat(ms).isBetween(2_400L, 20_000L);
  }

  // ---------------------------------------------------------------- other storages

  @Test
  @Order(30)
  void aHomeOnS3PutsTheBytesInTheBucket() throws Exception {
    Map<String, Object> s3 = new LinkedHashMap<>();
    s3.put("bucket", S3TestServer.BUCKET);
    s3.put("region", "us-east-1");
    s3.put("endpoint", S3.config().endpoint());
    s3.put("force_path_style", true);
    s3.put("key_prefix", "users/s3user/");
    s3.put("access_key", S3.config().accessKey());
    s3.put("access_secret", Map.of("status", "Plain", "payload", S3.config().accessSecret()));
    Path user = json("s3user.json", Map.of("username", "s3user", "password", PW, "permissions", Map.of("/", List.of("*")),
        "filesystem", Map.of("provider", 1, "s3config", s3)));
    ok("user", "add", "--json", user.toString());
    byte[] data = random(7_000_000, 30);
    Path src = local("s3.bin", data);
    Path back = tmp.resolve("s3-back.bin");
    Launch.Result r = ssh.sftp("s3user", PW, "mkdir /in", "put " + src + " /in/s3.bin", "ls -l /in",
        "get /in/s3.bin " + back, "rename /in/s3.bin /in/s3-renamed.bin");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    byte[] stored = S3.admin().getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key("users/s3user/in/s3-renamed.bin"))
        .asByteArray();
    assertThat(stored).isEqualTo(data);
  }

  @Test
  @Order(31)
  void aHomeOnARemoteSftpServerWorks() throws Exception {
    Files.createDirectories(REMOTE.root().resolve("sftpuser"));
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("endpoint", "127.0.0.1:" + REMOTE.port());
    cfg.put("username", SftpTestServer.USER);
    cfg.put("password", Map.of("status", "Plain", "payload", SftpTestServer.PASSWORD));
    cfg.put("fingerprints", List.of(REMOTE.fingerprint()));
    cfg.put("prefix", "/sftpuser");
    Path user = json("sftpuser.json", Map.of("username", "sftpuser", "password", PW,
        "permissions", Map.of("/", List.of("*")), "filesystem", Map.of("provider", 5, "sftpconfig", cfg)));
    ok("user", "add", "--json", user.toString());
    byte[] data = random(1_500_000, 31);
    Path src = local("remote.bin", data);
    Path back = tmp.resolve("remote-back.bin");
    Launch.Result r = ssh.sftp("sftpuser", PW, "put " + src + " /remote.bin", "ls -l /", "get /remote.bin " + back);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(Files.readAllBytes(REMOTE.root().resolve("sftpuser/remote.bin"))).isEqualTo(data);

    Instant then = Instant.parse("2002-03-04T05:06:07Z");
    Files.setLastModifiedTime(src, FileTime.from(then));
    Launch.Result p = ssh.sftp("sftpuser", PW, "put -p " + src + " /dated.bin");
    assertThat(p.exitCode()).as(p.toString()).isZero();
    assertThat(Files.getLastModifiedTime(REMOTE.root().resolve("sftpuser/dated.bin")).toInstant()).isEqualTo(then);
  }

  @Test
  @Order(32)
  void aVirtualFolderOnS3AppearsInALocalHome() throws Exception {
    Map<String, Object> s3 = new LinkedHashMap<>();
    s3.put("bucket", S3TestServer.BUCKET);
    s3.put("endpoint", S3.config().endpoint());
    s3.put("force_path_style", true);
    s3.put("key_prefix", "archive/");
    s3.put("access_key", S3.config().accessKey());
    s3.put("access_secret", Map.of("status", "Plain", "payload", S3.config().accessSecret()));
    ok("folder", "add", "--json", json("archive.json", Map.of("name", "archive",
        "filesystem", Map.of("provider", 1, "s3config", s3))).toString());
    Path home = Files.createDirectories(homes.resolve("vf"));
    ok("user", "add", "--json", json("vf.json", Map.of("username", "vf", "password", PW, "home_dir", home.toString(),
        "permissions", Map.of("/", List.of("*")),
        "virtual_folders", List.of(Map.of("name", "archive", "virtual_path", "/archive")))).toString());
    Path local = local("vf-local.txt", "home".getBytes());
    Path remote = local("vf-s3.txt", "bucket".getBytes());
    Launch.Result r = ssh.sftp("vf", PW, "put " + local + " /here.txt", "put " + remote + " /archive/there.txt",
        "ls /", "ls /archive");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("archive").contains("there.txt");
    assertThat(home.resolve("here.txt")).hasContent("home");
    assertThat(home.resolve("archive/there.txt")).doesNotExist();
    assertThat(S3.admin().getObjectAsBytes(b -> b.bucket(S3TestServer.BUCKET).key("archive/there.txt")).asUtf8String())
        .isEqualTo("bucket");
    Launch.Result across = ssh.sftp("vf", PW, "rename /here.txt /archive/here.txt");
    assertThat(across.exitCode()).isNotZero();
    assertThat(across.out()).contains("Permission denied");
  }

  // ---------------------------------------------------------------- load

  @Test
  @Order(40)
  void twoHundredClientsInParallelEachRoundTripTheirOwnFile() throws Exception {
    Path home = Files.createDirectories(homes.resolve("many"));
    ok("user", "add", "--username", "many", "--public-key", tmp.resolve("id_ed25519.pub").toString(),
        "--home-dir", home.toString(), "--permissions", "/=*");
    int n = 200;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<Launch.Result>> runs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      byte[] data = random(50_000 + id * 997, 1000 + id);
      Path src = local("many-" + id + ".bin", data);
      Path back = tmp.resolve("many-back-" + id + ".bin");
      Callable<Launch.Result> c = () -> ssh.sftpWithKey("many", key, "put " + src + " /f" + id + ".bin",
          "get /f" + id + ".bin " + back);
      runs.add(pool.submit(c));
    }
    for (int i = 0; i < n; i++) {
      Launch.Result r = runs.get(i).get();
      assertThat(r.exitCode()).as("client " + i + ": " + r).isZero();
    }
    pool.shutdown();
    for (int i = 0; i < n; i++) {
      byte[] data = random(50_000 + i * 997, 1000 + i);
      assertThat(Files.readAllBytes(tmp.resolve("many-back-" + i + ".bin"))).as("download " + i).isEqualTo(data);
      assertThat(Files.readAllBytes(home.resolve("f" + i + ".bin"))).as("upload " + i).isEqualTo(data);
    }
    JsonNode records = Waits.until("400 transfer records", Duration.ofSeconds(30), () -> {
      JsonNode t = transfers("many");
      return t.path("total").asInt() >= 2 * n ? t : null;
    });
    assertThat(records.path("total").asInt()).isEqualTo(2 * n);
    List<String> ok = records.path("items").findValuesAsText("ok");
    assertThat(ok).containsOnly("true");
  }
}
