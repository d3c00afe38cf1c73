package ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's frame: login, logout, CSRF, the session's end at a password change. */
class WebFrameTest {
  static FerryServer server;

  @BeforeAll
  static void start(@TempDir Path dir) {
    server = V2Client.startServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAdminLogsInSeesTheDashboardAndLogsOut() {
    WebClient web = WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
    WebClient.Page dash = web.get("/web/admin");
    assertThat(dash.status()).isEqualTo(200);
    assertThat(dash.body()).contains("Welcome, admin");
    assertThat(web.postForm("/web/admin/logout", Map.of()).status()).isEqualTo(303);
    assertThat(web.get("/web/admin").status()).isEqualTo(303);
  }

  @Test
  void aWrongPasswordShowsOneMessageAndNoSession() {
    WebClient web = WebClient.of(server);
    web.get("/web/admin/login");
    WebClient.Page p = web.postForm("/web/admin/login", Map.of("username", "admin", "password", "wrong"));
    assertThat(p.status()).isEqualTo(401);
    assertThat(p.body()).contains("Wrong username or password.");
    assertThat(web.get("/web/admin").status()).isEqualTo(303);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsRefused() {
    WebClient web = WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
    WebClient.Page p = web.postFormWithoutToken("/web/admin/logout", Map.of());
    assertThat(p.status()).isEqualTo(403);
    assertThat(web.get("/web/admin").status()).isEqualTo(200);
  }

  @Test
  void pagesAnswerInGermanWhenTheBrowserAsks() {
    WebClient web = WebClient.of(server);
    WebClient.Page p = web.send(java.net.http.HttpRequest.newBuilder(web.uri("/web/client/login"))
        .header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").GET());
    assertThat(p.body()).contains("Bei Ihren Dateien anmelden").contains("lang=\"de\"");
  }

  @Test
  void anAdminsPasswordChangeEndsItsOtherSessionsAndKeepsThisOne() {
    V2Client v2 = new V2Client(server);
    V2Client.Response made = v2.post("/api/v2/admins", V2Client.bearer(v2.adminToken()), Map.of("username", "carol",
        "password", "Carol-Passw0rd-1", "status", 1, "permissions", java.util.List.of("*")));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    WebClient here = WebClient.of(server).loginAdmin("carol", "Carol-Passw0rd-1");
    WebClient elsewhere = WebClient.of(server).loginAdmin("carol", "Carol-Passw0rd-1");
    here.get("/web/admin/profile");
    WebClient.Page wrong = here.postForm("/web/admin/profile/password",
        Map.of("current_password", "nope", "new_password", "Carol-Passw0rd-2", "new_password_repeat", "Carol-Passw0rd-2"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains("The current password is wrong.");
    WebClient.Page changed = here.postForm("/web/admin/profile/password",
        Map.of("current_password", "Carol-Passw0rd-1", "new_password", "Carol-Passw0rd-2", "new_password_repeat", "Carol-Passw0rd-2"));
    assertThat(changed.status()).isEqualTo(303);
    assertThat(here.get("/web/admin/profile").status()).isEqualTo(200);
    assertThat(elsewhere.get("/web/admin/profile").status()).isEqualTo(303);
  }
}
