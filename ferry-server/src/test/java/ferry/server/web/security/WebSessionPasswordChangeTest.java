package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.web.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A password changed anywhere ends that account's web sessions, user or admin (issue 15). */
class WebSessionPasswordChangeTest extends MfaServer {
  private static final String NEW_PW = "Changed-Passw0rd";

  @Test
  void anAdminChangingAUsersPasswordOverApiV2EndsTheUsersWebSessions() throws Exception {
    user("changed-user");
    WebClient web = WebClient.of(server).loginUser("changed-user", PW);
    assertThat(web.get("/web/client/files").status()).isEqualTo(200);

    Path home = dir.resolve("homes").resolve("changed-user");
    assertThat(Files.isDirectory(home)).isTrue();
    var r = api.put("/api/v2/users/changed-user", root, Map.of("username", "changed-user", "password", NEW_PW,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);

    WebClient.Page after = web.get("/web/client/files");
    assertThat(after.status()).isEqualTo(303);
    assertThat(after.header("Location")).startsWith("/web/client/login");
    assertThat(web.get("/web/client/files").status()).as("the session is gone, not only refused once").isEqualTo(303);
    assertThat(WebClient.of(server).loginUser("changed-user", NEW_PW).get("/web/client/files").status())
        .isEqualTo(200);
  }

  @Test
  void anAdminChangingItsOwnPasswordOverApiV2EndsItsConsoleSessions() {
    admin("changing-admin", "*");
    WebClient web = WebClient.of(server).loginAdmin("changing-admin", PW);
    assertThat(web.get("/web/admin").status()).isEqualTo(200);

    var me = ferry.server.files.V2Client.bearer(api.adminToken("changing-admin", PW));
    var r = api.put("/api/v2/admin/changepwd", me, Map.of("current_password", PW, "new_password", NEW_PW));
    assertThat(r.status()).as(r.body()).isEqualTo(200);

    WebClient.Page after = web.get("/web/admin");
    assertThat(after.status()).isEqualTo(303);
    assertThat(after.header("Location")).startsWith("/web/admin/login");
    assertThat(web.htmxGet("/web/admin").header("HX-Redirect")).isEqualTo("/web/admin/login");
  }

  @Test
  void anotherAdminResettingAnAdminsPasswordEndsItsConsoleSessions() {
    admin("reset-admin", "view_users");
    WebClient web = WebClient.of(server).loginAdmin("reset-admin", PW);
    assertThat(web.get("/web/admin").status()).isEqualTo(200);

    var r = api.put("/api/v2/admins/reset-admin", root, Map.of("password", NEW_PW, "status", 1,
        "permissions", List.of("view_users")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);

    assertThat(web.get("/web/admin").header("Location")).startsWith("/web/admin/login");
  }
}
