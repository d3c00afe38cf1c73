package ferry.server.files;

import static ferry.server.files.AdminApiFixture.PW;
import static ferry.server.files.AdminApiFixture.adminWith;
import static ferry.server.files.AdminApiFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v2/admins, /api/v2/admin/profile and /api/v2/admin/changepwd (issue 12). */
class AdminsApiTest {
  @TempDir static Path shared;
  private static FerryServer server;
  private static V2Client c;
  private static Auth root;

  @BeforeAll
  static void start() {
    server = V2Client.startServer(shared);
    c = new V2Client(server);
    root = V2Client.bearer(c.adminToken());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void theFirstAdminIsASuperAdmin() {
    Response r = c.get("/api/v2/admins/admin", root);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("permissions").toString()).isEqualTo("[\"*\"]");
    assertThat(r.json().path("status").asInt()).isEqualTo(1);
    assertThat(r.json().path("last_login").asLong()).as("its token login is recorded").isPositive();
    assertThat(r.json().has("password")).isFalse();
  }

  @Test
  void anAdminIsCreatedReadUpdatedAndDeleted() {
    Response created = c.post("/api/v2/admins", root, Map.of("username", "ops", "password", PW, "status", 1,
        "email", "ops@example.com", "description", "Ops Person", "permissions", List.of("view_users", "add_users"),
        "filters", Map.of("allow_list", List.of("127.0.0.0/8"), "allow_api_key_auth", true),
        "additional_info", "pager 12"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).contains("/api/v2/admins/ops");
    assertThat(created.body()).doesNotContain(PW).doesNotContain("argon2").doesNotContain("\"password\"");
    assertThat(created.json().path("permissions").toString()).isEqualTo("[\"add_users\",\"view_users\"]");
    assertThat(created.json().path("filters").path("allow_list").toString()).isEqualTo("[\"127.0.0.0/8\"]");
    assertThat(created.json().path("filters").path("allow_api_key_auth").asBoolean()).isTrue();
    assertThat(created.json().path("created_at").asLong()).isPositive();

    Auth ops = V2Client.bearer(c.adminToken("ops", PW));
    assertThat(c.get("/api/v2/users", ops).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/admins?order=DESC", root).json().toString()).contains("\"ops\"");

    Response updated = c.put("/api/v2/admins/ops", root, Map.of("username", "ops", "status", 1,
        "permissions", List.of("manage_groups")));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("message").asText()).isEqualTo("Admin updated");
    assertThat(c.get("/api/v2/admins/ops", root).json().path("permissions").toString())
        .isEqualTo("[\"manage_groups\"]");
    assertError(c.get("/api/v2/users", ops), 403);
    assertThat(c.adminToken("ops", PW)).as("the password is kept when PUT omits it").isNotBlank();

    Response deleted = c.delete("/api/v2/admins/ops", root);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("message").asText()).isEqualTo("Admin deleted");
    assertError(c.get("/api/v2/admins/ops", root), 404);
    assertError(c.get("/api/v2/users", ops), 401);
  }

  @Test
  void onlyASuperAdminManagesAdmins() {
    Auth almost = adminWith(c, root, "almost", "add_users", "edit_users", "del_users", "view_users", "view_conns",
        "close_conns", "view_status", "manage_folders", "manage_groups", "quota_scans", "manage_defender",
        "view_defender", "view_events", "disable_mfa");
    assertError(c.get("/api/v2/admins", almost), 403);
    assertError(c.get("/api/v2/admins/admin", almost), 403);
    assertError(c.post("/api/v2/admins", almost, Map.of("username", "x", "password", PW, "permissions",
        List.of("*"))), 403);
    assertError(c.delete("/api/v2/admins/admin", almost), 403);
    assertThat(c.get("/api/v2/admin/profile", almost).status()).as("every admin has a profile").isEqualTo(200);
  }

  @Test
  void onlyASuperAdminMayUseTheV1FaceWhichHasNoPermissions() {
    adminWith(c, root, "v1-viewer", "view_users");
    assertError(c.get("/v1/adm/users", V2Client.basic("v1-viewer", PW)), 403);
    assertThat(c.get("/v1/adm/users", V2Client.basic(V2Client.ADMIN, TestServers.ADMIN_PASSWORD)).status())
        .isEqualTo(200);
  }

  @Test
  void noAdminDisablesDemotesOrDeletesItselfAndASuperAdminRemains() {
    Auth second = adminWith(c, root, "second", "*");
    assertError(c.delete("/api/v2/admins/second", second), 400);
    assertError(c.put("/api/v2/admins/second", second, Map.of("status", 1, "permissions", List.of("view_users"))),
        400);
    assertError(c.put("/api/v2/admins/second", second, Map.of("status", 0, "permissions", List.of("*"))), 400);
    assertThat(c.delete("/api/v2/admins/second", root).status()).isEqualTo(200);
  }

  @Test
  void aDisabledAdminCannotGetAToken() {
    assertThat(c.post("/api/v2/admins", root, Map.of("username", "off", "password", PW, "status", 0,
        "permissions", List.of("*"))).status()).isEqualTo(201);
    Response r = c.get("/api/v2/token", V2Client.basic("off", PW));
    assertThat(r.status()).as(r.body()).isEqualTo(401);

    Auth later = adminWith(c, root, "later-off", "view_users");
    assertThat(c.get("/api/v2/users", later).status()).isEqualTo(200);
    assertThat(c.put("/api/v2/admins/later-off", root, Map.of("status", 0, "permissions", List.of("view_users")))
        .status()).isEqualTo(200);
    assertError(c.get("/api/v2/users", later), 401); // its token is checked against the account on every use
    assertError(c.get("/api/v2/admin/profile", later), 401);
  }

  @Test
  void profileAndPasswordChangeApplyToTheCaller() {
    Auth me = adminWith(c, root, "self", "view_users");
    Response p = c.put("/api/v2/admin/profile", me, Map.of("email", "self@example.com", "description", "me",
        "allow_api_key_auth", true));
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    Response got = c.get("/api/v2/admin/profile", me);
    assertThat(got.json().path("email").asText()).isEqualTo("self@example.com");
    assertThat(got.json().path("allow_api_key_auth").asBoolean()).isTrue();
    assertThat(c.get("/api/v2/admins/self", root).json().path("permissions").toString())
        .isEqualTo("[\"view_users\"]");

    assertError(c.put("/api/v2/admin/changepwd", me, Map.of("current_password", "wrong", "new_password", "N3w-pass")),
        400);
    Response changed = c.put("/api/v2/admin/changepwd", me, Map.of("current_password", PW,
        "new_password", "N3w-pass"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(c.get("/api/v2/token", V2Client.basic("self", PW)).status()).isEqualTo(401);
    assertThat(c.adminToken("self", "N3w-pass")).isNotBlank();
  }

  @Test
  void apiKeysActOnlyForAdminsThatAllowThemAndCannotChangeThem() {
    Auth keyless = adminWith(c, root, "keyless", "view_users");
    Response k = c.post("/api/v2/apikeys", root, Map.of("name", "for-keyless", "scope", 1, "admin", "keyless"));
    assertThat(k.status()).as(k.body()).isEqualTo(201);
    Auth byKey = V2Client.apiKey(k.json().path("key").asText());
    assertError(c.get("/api/v2/users", byKey), 401);

    assertThat(c.put("/api/v2/admin/profile", keyless, Map.of("allow_api_key_auth", true)).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/users", byKey).status()).isEqualTo(200);
    // the profile routes take a token only (BearerAuth in the reference): a good key is 403 there, as SFTPGo answers
    assertError(c.get("/api/v2/admin/profile", byKey), 403);
    assertError(c.put("/api/v2/admin/profile", byKey, Map.of("allow_api_key_auth", false)), 403);
    assertError(c.put("/api/v2/admin/changepwd", byKey, Map.of("current_password", PW, "new_password", "x-Y-z-1")),
        403);
    assertError(c.put("/api/v2/admins/keyless", byKey, Map.of("permissions", List.of("view_users"))), 403);
  }

  @Test
  void badAdminBodiesGet400WithAMessage() {
    assertError(c.post("/api/v2/admins", root, "{\"username\": \"x\","), 400);
    assertError(c.post("/api/v2/admins", root, Map.of("username", "x", "password", PW, "permissions",
        List.of("fly"))), 400);
    assertError(c.post("/api/v2/admins", root, Map.of("username", "x", "password", PW, "permissions", "*")), 400);
    assertError(c.post("/api/v2/admins", root, Map.of("username", "x", "permissions", List.of("*"))), 400);
    assertError(c.post("/api/v2/admins", root, Map.of("username", "x", "password", PW, "permissions",
        List.of("*"), "filters", Map.of("allow_list", List.of("not-a-network")))), 400);
    assertError(c.post("/api/v2/admins", root, Map.of("username", "x", "password", PW, "status", "on",
        "permissions", List.of("*"))), 400);
    assertError(c.post("/api/v2/admins", root, Map.of("username", "admin", "password", PW, "permissions",
        List.of("*"))), 409);
    assertError(c.put("/api/v2/admins/nobody", root, Map.of("permissions", List.of("*"))), 404);
    assertError(c.get("/api/v2/admins?limit=0", root), 400);
  }
}
