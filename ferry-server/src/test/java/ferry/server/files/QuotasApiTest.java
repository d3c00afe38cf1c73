package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v2/quotas (issue 12): scans that count what is on disk, and add/reset updates. */
class QuotasApiTest {
  @TempDir static Path root;
  private static OpsServer s;
  private static Auth admin;

  @BeforeAll
  static void start() {
    s = new OpsServer(root);
    admin = s.admin();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonNode usage(String user) {
    Response r = s.userView(user);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static boolean noScans(String kind) {
    Response r = s.c.get("/api/v2/quotas/" + kind + "/scans", admin);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().isEmpty();
  }

  @Test
  void aUserScanFindsFilesWrittenDirectlyOnDisk() throws Exception {
    Path home = s.addUser("scanned", Map.of());
    Files.createDirectories(home.resolve("a/b"));
    Files.write(home.resolve("one.bin"), new byte[1000]);
    Files.write(home.resolve("a/b/two.bin"), new byte[234]);
    assertThat(usage("scanned").path("used_quota_files").asLong()).isZero();

    Response started = s.c.post("/api/v2/quotas/users/scanned/scan", admin, "");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    assertThat(started.json().path("message").asText()).isEqualTo("Scan started");
    OpsServer.await("the scan of scanned ends",
        () -> noScans("users") && usage("scanned").path("used_quota_files").asLong() == 2);
    JsonNode u = usage("scanned");
    assertThat(u.path("used_quota_size").asLong()).isEqualTo(1234);
    assertThat(u.path("last_quota_update").asLong()).isPositive();
  }

  @Test
  void userUsageIsResetOrAdded() {
    s.addUser("counted", Map.of());
    Response reset = s.c.put("/api/v2/quotas/users/counted/usage?mode=reset", admin,
        Map.of("used_quota_size", 100, "used_quota_files", 4));
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json().path("message").asText()).isEqualTo("Quota updated");
    assertThat(usage("counted").path("used_quota_size").asLong()).isEqualTo(100);

    // a missing field adds 0
    assertThat(s.c.put("/api/v2/quotas/users/counted/usage?mode=add", admin, Map.of("used_quota_size", 50)).status())
        .isEqualTo(200);
    JsonNode u = usage("counted");
    assertThat(u.path("used_quota_size").asLong()).isEqualTo(150);
    assertThat(u.path("used_quota_files").asLong()).isEqualTo(4);

    // reset is the default, and a missing field resets to 0
    assertThat(s.c.put("/api/v2/quotas/users/counted/usage", admin, Map.of("used_quota_size", 7)).status())
        .isEqualTo(200);
    u = usage("counted");
    assertThat(u.path("used_quota_size").asLong()).isEqualTo(7);
    assertThat(u.path("used_quota_files").asLong()).isZero();
  }

  @Test
  void aFolderScanAndFolderUpdates() throws Exception {
    Path dir = Files.createDirectories(root.resolve("lib"));
    Files.write(dir.resolve("x"), new byte[10]);
    Files.createDirectories(dir.resolve("sub"));
    Files.write(dir.resolve("sub/y"), new byte[5]);
    Response f = s.c.post("/api/v2/folders", admin,
        Map.of("name", "lib", "mapped_path", dir.toString(), "filesystem", Map.of("provider", 0)));
    assertThat(f.status()).as(f.body()).isEqualTo(201);

    assertThat(s.c.post("/api/v2/quotas/folders/lib/scan", admin, "").status()).isEqualTo(202);
    OpsServer.await("the scan of lib ends", () -> noScans("folders")
        && s.c.get("/api/v2/folders/lib", admin).json().path("used_quota_files").asLong() == 2);
    assertThat(s.c.get("/api/v2/folders/lib", admin).json().path("used_quota_size").asLong()).isEqualTo(15);

    assertThat(s.c.put("/api/v2/quotas/folders/lib/usage?mode=add", admin,
        Map.of("used_quota_size", 5, "used_quota_files", 1)).status()).isEqualTo(200);
    JsonNode lib = s.c.get("/api/v2/folders/lib", admin).json();
    assertThat(lib.path("used_quota_size").asLong()).isEqualTo(20);
    assertThat(lib.path("used_quota_files").asLong()).isEqualTo(3);
    assertThat(s.c.put("/api/v2/quotas/folders/lib/usage?mode=reset", admin, Map.of()).status()).isEqualTo(200);
    assertThat(s.c.get("/api/v2/folders/lib", admin).json().path("used_quota_size").asLong()).isZero();
  }

  /**
   * A folder on an FTP server that accepts and then says nothing holds its scan (and the scan of a
   * user that counts it) open until the test hangs up: the running scans are listed, and a second
   * scan or an update meanwhile is a conflict.
   */
  @Test
  void aSecondScanWhileOneRunsIsAConflict() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      silent.setSoTimeout((int) OpsServer.WAIT.toMillis());
      Map<String, Object> fs = Map.of("provider", 7, "ftpconfig",
          Map.of("endpoint", "127.0.0.1:" + silent.getLocalPort(), "username", "u"));
      assertThat(s.c.post("/api/v2/folders", admin, Map.of("name", "stalled", "filesystem", fs)).status())
          .isEqualTo(201);
      s.addUser("stuck", Map.of("virtual_folders",
          List.of(Map.of("name", "stalled", "virtual_path", "/stalled", "quota_size", -1, "quota_files", -1))));

      assertThat(s.c.post("/api/v2/quotas/folders/stalled/scan", admin, "").status()).isEqualTo(202);
      try (Socket folderScan = silent.accept()) {
        Response scans = s.c.get("/api/v2/quotas/folders/scans", admin);
        assertThat(scans.json().findValuesAsText("name")).containsExactly("stalled");
        assertThat(scans.json().get(0).path("start_time").asLong()).isPositive();
        Response again = s.c.post("/api/v2/quotas/folders/stalled/scan", admin, "");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("error").asText()).isNotEmpty();
        assertThat(s.c.put("/api/v2/quotas/folders/stalled/usage", admin, Map.of()).status()).isEqualTo(409);

        assertThat(s.c.post("/api/v2/quotas/users/stuck/scan", admin, "").status()).isEqualTo(202);
        try (Socket userScan = silent.accept()) {
          Response users = s.c.get("/api/v2/quotas/users/scans", admin);
          assertThat(users.json().findValuesAsText("username")).containsExactly("stuck");
          assertThat(s.c.post("/api/v2/quotas/users/stuck/scan", admin, "").status()).isEqualTo(409);
        }
      }
      OpsServer.await("the stalled scans give up", () -> noScans("folders") && noScans("users"));
    }
  }

  @Test
  void usageChargedOverSftpIsInTheNextFolderAnswer() throws Exception {
    Path dir = Files.createDirectories(root.resolve("up"));
    assertThat(s.c.post("/api/v2/folders", admin, Map.of("name", "up", "mapped_path", dir.toString())).status())
        .isEqualTo(201);
    s.addUser("uploader", Map.of("virtual_folders", List.of(Map.of("name", "up", "virtual_path", "/up"))));
    try (ClientSession session = s.sftpLogin("uploader", OpsServer.PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        OutputStream out = sftp.write("/up/f.bin")) {
      out.write(new byte[321]);
    }
    JsonNode up = s.c.get("/api/v2/folders/up", admin).json();
    assertThat(up.path("used_quota_size").asLong()).isEqualTo(321);
    assertThat(up.path("used_quota_files").asLong()).isEqualTo(1);
    assertThat(up.path("users").toString()).contains("uploader");
  }

  @Test
  void refusals() {
    s.addUser("plain", Map.of());
    assertThat(s.c.get("/api/v2/quotas/users/scans", Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/quotas/users/scans", s.user("plain")).status()).isEqualTo(401);
    assertThat(s.c.post("/api/v2/quotas/users/plain/scan", s.user("plain"), "").status()).isEqualTo(401);
    assertThat(s.c.post("/api/v2/quotas/users/nobody/scan", admin, "").status()).isEqualTo(404);
    assertThat(s.c.post("/api/v2/quotas/folders/nothing/scan", admin, "").status()).isEqualTo(404);
    assertThat(s.c.put("/api/v2/quotas/users/nobody/usage", admin, Map.of()).status()).isEqualTo(404);
    assertThat(s.c.put("/api/v2/quotas/folders/nothing/usage", admin, Map.of()).status()).isEqualTo(404);
    assertThat(s.c.put("/api/v2/quotas/users/plain/usage?mode=double", admin, Map.of()).status()).isEqualTo(400);
    assertThat(s.c.put("/api/v2/quotas/users/plain/usage", admin, Map.of("used_quota_size", -1)).status())
        .isEqualTo(400);
    assertThat(s.c.put("/api/v2/quotas/users/plain/usage", admin, Map.of("used_quota_size", "9")).status())
        .isEqualTo(400);
    assertThat(s.c.put("/api/v2/quotas/users/plain/usage", admin, "[1]").status()).isEqualTo(400);
    // Ferry keeps no transfer quotas: the path is not served
    assertThat(s.c.put("/api/v2/quotas/users/plain/transfer-usage", admin, Map.of()).status()).isEqualTo(404);
  }
}
