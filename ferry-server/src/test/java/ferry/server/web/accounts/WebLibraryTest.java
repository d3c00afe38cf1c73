package ferry.server.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.web.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's groups, admins and VFS Library pages. */
class WebLibraryTest {
  static FerryServer server;
  static V2Client api;
  static Auth root;
  static Path dir;

  @BeforeAll
  static void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    // with an SFTP listener (port 0), whose host key a folder's "Test connection" shows
    server = TestServers.start(new ferry.server.ServerConfig(tmp.resolve("data"), "127.0.0.1", 0, true, null, null,
        null, null, null, 4, 2, java.time.Duration.ofSeconds(5), List.of(), List.of(), null, 0,
        TestServers.ADMIN_PASSWORD, null, ferry.core.auth.DefenderConfig.defaults().withThreshold(10_000), "127.0.0.1",
        0, List.of(), List.of(), List.of(), ferry.sftpd.SftpdConfig.DEFAULT_MAX_AUTH_TRIES, List.of(), null, null));
    api = new V2Client(server);
    root = V2Client.bearer(api.adminToken());
    Files.createDirectories(tmp.resolve("lib/shared"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static WebClient admin() {
    return WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
  }

  @Test
  void aGroupIsCreatedAndAWrongValueShownBesideItsField() {
    WebClient web = admin();
    assertThat(web.get("/web/admin/groups/new").status()).isEqualTo(200);
    Map<String, String> f = new HashMap<>(Map.of("name", "team", "description", "the team", "home_dir",
        dir.resolve("homes/%username%").toString(), "perm_root", "list", "quota_size", "1000", "expires_in", "-1"));
    WebClient.Page bad = web.postForm("/web/admin/groups/new", f);
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("data-field=\"expires_in\"");
    f.put("expires_in", "30");
    WebClient.Page ok = web.postForm("/web/admin/groups/new", f);
    assertThat(ok.status()).as(ok.body()).isEqualTo(303);
    JsonNode g = api.get("/api/v2/groups/team", root).json();
    assertThat(g.path("user_settings").path("expires_in").asInt()).isEqualTo(30);
    assertThat(g.path("user_settings").path("quota_size").asLong()).isEqualTo(1000);
    assertThat(web.get("/web/admin/groups").body()).contains("data-group=\"team\"");
    assertThat(web.get("/web/admin/groups/team").body()).contains("value=\"the team\"");
    // the user form offers the group
    assertThat(web.get("/web/admin/users/new").body()).contains("name=\"group.team\"");
  }

  @Test
  void anAdminIsCreatedWithItsPermissionsAndOnlyASuperAdminManagesAdmins() {
    WebClient web = admin();
    web.get("/web/admin/admins/new");
    WebClient.Page p = web.send(java.net.http.HttpRequest.newBuilder(web.uri("/web/admin/admins/new"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=helper&password=Helper-Passw0rd&status=1"
            + "&permissions=view_users&permissions=manage_folders&_csrf=" + web.csrf())));
    assertThat(p.status()).as(p.body()).isEqualTo(303);
    assertThat(api.get("/api/v2/admins/helper", root).json().path("permissions").toString())
        .isEqualTo("[\"view_users\",\"manage_folders\"]".equals(api.get("/api/v2/admins/helper", root).json()
            .path("permissions").toString()) ? "[\"view_users\",\"manage_folders\"]" : "[\"manage_folders\",\"view_users\"]");
    assertThat(web.get("/web/admin/admins").body()).contains("data-admin=\"helper\"");
    WebClient helper = WebClient.of(server).loginAdmin("helper", "Helper-Passw0rd");
    assertThat(helper.get("/web/admin/admins").status()).isEqualTo(403);
    assertThat(helper.get("/web/admin/groups").status()).isEqualTo(403);
    assertThat(helper.get("/web/admin/folders").status()).isEqualTo(200);
  }

  @Test
  void aFolderIsTestedAndAnSftpHostKeyIsShownToPin() {
    WebClient web = admin();
    web.get("/web/admin/folders/new");
    WebClient.Page local = web.postForm("/web/admin/folders/new", Map.of("name", "shared", "fs_provider", "local",
        "mapped_path", dir.resolve("lib/shared").toString()));
    assertThat(local.status()).as(local.body()).isEqualTo(303);
    WebClient.Page ok = web.htmx("POST", "/web/admin/folders/shared/test", Map.of());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("data-ok=\"true\"").contains("Connected.").doesNotContain("<html");

    Map<String, String> sftp = new HashMap<>(Map.of("name", "remote", "fs_provider", "sftp", "sftp_endpoint",
        "127.0.0.1:" + server.sftpPort(), "sftp_username", "nobody", "sftp_password", "pw-not-shown"));
    WebClient.Page saved = web.postForm("/web/admin/folders/new", sftp);
    assertThat(saved.status()).as(saved.body()).isEqualTo(303);
    assertThat(web.get("/web/admin/folders/remote").body()).doesNotContain("pw-not-shown").contains("A value is stored.");
    WebClient.Page refused = web.htmx("POST", "/web/admin/folders/remote/test", Map.of());
    assertThat(refused.body()).contains("data-ok=\"false\"").containsPattern("<code class=\"fingerprint\">SHA256:[A-Za-z0-9+/]+");

    java.util.regex.Matcher fp = java.util.regex.Pattern.compile("SHA256:[A-Za-z0-9+/]+").matcher(refused.body());
    assertThat(fp.find()).isTrue();
    web.get("/web/admin/folders/remote");
    WebClient.Page pinned = web.postForm("/web/admin/folders/remote/pin", Map.of("fingerprint", fp.group()));
    assertThat(pinned.status()).as(pinned.body()).isEqualTo(303);
    JsonNode sftpConfig = api.get("/api/v2/folders/remote", root).json().path("filesystem").path("sftpconfig");
    assertThat(sftpConfig.path("fingerprints").toString()).contains(fp.group());
    assertThat(sftpConfig.path("password").path("status").asText()).isEqualTo("AES-256-GCM");
    // pinned now: the key passes, the (wrong) login is what fails
    assertThat(web.htmx("POST", "/web/admin/folders/remote/test", Map.of()).body()).doesNotContain("is not pinned");

    WebClient.Page ftp = web.postForm("/web/admin/folders/new", Map.of("name", "ftp-in", "fs_provider", "ftp",
        "ftp_endpoint", "127.0.0.1:2121", "ftp_username", "bob", "ftp_password", "ftp-secret", "ftp_tls_mode", "1"));
    assertThat(ftp.status()).as(ftp.body()).isEqualTo(303);
    JsonNode ftpConfig = api.get("/api/v2/folders/ftp-in", root).json().path("filesystem");
    assertThat(ftpConfig.path("provider").asInt()).isEqualTo(7);
    assertThat(ftpConfig.path("ftpconfig").path("tls_mode").asInt()).isEqualTo(1);
    assertThat(web.get("/web/admin/folders/ftp-in").body()).contains("<option value=\"ftp\" selected")
        .doesNotContain("ftp-secret");

    WebClient.Page bad = web.postForm("/web/admin/folders/new", Map.of("name", "nopath", "fs_provider", "local",
        "mapped_path", "relative"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("data-field=\"mapped_path\"");
  }
}
