package ferry.server.files;

import static ferry.server.files.AdminApiFixture.adminWith;
import static ferry.server.files.AdminApiFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.FerryServer;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v2/users and /api/v2/groups (issue 12): CRUD, listings, permissions, seed 004, secrets, bad input. */
class UsersApiTest {
  /** Seed 004, Case A, as written. */
  static final String CASE_A = """
      {
      "status": 1,
      "username": "testuser_standalone",
      "password": "clear_text_complex_password",
      "permissions": {
      "/": ["*"]
      },
      "filesystem": {
      "provider": 1,
      "s3config": {
      "bucket": "testbucket",
      "region": "eu-central-1",
      "access_key": "myaccesskey",
      "access_secret": {
      "status": "Plain",
      "payload": "myaccesssecret"
      },
      "key_prefix": "users/testuser_standalone/"
      }
      }
      }
      """;
  /** Seed 004, Case B, as written (GROUP_NAME=BasicUsers). */
  static final String CASE_B = """
      {
      "status": 1,
      "username": "testuser_group",
      "password": "clear_text_complex_password",
      "groups": [
      {
      "type": 1,
      "name": "BasicUsers"
      }
      ],
      "permissions": {
      "/": ["*"]
      },
      "filesystem": {
      "provider": 1,
      "s3config": {
      "bucket": "invalid",
      "region": "invalid"
      }
      }
      }
      """;
  private static final String PW = "alice-Passw0rd";
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

  static Map<String, Object> localUser(String name) throws Exception {
    Path home = Files.createDirectories(shared.resolve("homes").resolve(name));
    Map<String, Object> u = new HashMap<>();
    u.put("username", name);
    u.put("password", PW);
    u.put("home_dir", home.toString());
    u.put("permissions", Map.of("/", List.of("*")));
    return u;
  }

  @Test
  void aUserIsCreatedReadUpdatedAndDeleted() throws Exception {
    Response created = c.post("/api/v2/users", root, localUser("crud"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).contains("/api/v2/users/crud");
    assertThat(created.header("X-Object-ID")).contains("crud");
    assertThat(created.json().path("username").asText()).isEqualTo("crud");
    assertThat(created.json().path("has_password").asBoolean()).isTrue();
    assertThat(created.body()).doesNotContain(PW).doesNotContain("argon2");

    Response got = c.get("/api/v2/users/crud", root);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("id").asLong()).isPositive();

    Map<String, Object> change = localUser("crud");
    change.remove("password");
    change.put("description", "changed");
    Response updated = c.put("/api/v2/users/crud?disconnect=1", root, change);
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("message").asText()).isEqualTo("User updated");
    assertThat(c.get("/api/v2/users/crud", root).json().path("description").asText()).isEqualTo("changed");
    assertThat(c.userToken("crud", PW)).as("the password is kept when PUT omits it").isNotBlank();

    Response deleted = c.delete("/api/v2/users/crud", root);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("message").asText()).isEqualTo("User deleted");
    assertError(c.get("/api/v2/users/crud", root), 404);
    assertError(c.delete("/api/v2/users/crud", root), 404);
  }

  @Test
  void listingsHonourOffsetLimitAndOrder() throws Exception {
    for (String n : List.of("list-a", "list-b", "list-c"))
      assertThat(c.post("/api/v2/users", root, localUser(n)).status()).isEqualTo(201);

    List<String> asc = names(c.get("/api/v2/users?limit=500", root));
    assertThat(asc).containsSubsequence("list-a", "list-b", "list-c");
    List<String> desc = names(c.get("/api/v2/users?order=DESC&limit=500", root));
    assertThat(desc).containsSubsequence("list-c", "list-b", "list-a");
    int at = asc.indexOf("list-b");
    assertThat(names(c.get("/api/v2/users?offset=" + at + "&limit=1", root))).containsExactly("list-b");

    assertError(c.get("/api/v2/users?limit=0", root), 400);
    assertError(c.get("/api/v2/users?limit=501", root), 400);
    assertError(c.get("/api/v2/users?offset=-1", root), 400);
    assertError(c.get("/api/v2/users?order=UP", root), 400);
    assertError(c.get("/api/v2/users?limit=ten", root), 400);
  }

  @Test
  void seedCaseAStandaloneS3UserIsAcceptedAndItsSecretIsNeverShown() {
    Response r = c.post("/api/v2/users", root, CASE_A);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("filesystem").path("provider").asInt()).isEqualTo(1);
    assertThat(r.json().path("filesystem").path("s3config").path("bucket").asText()).isEqualTo("testbucket");
    for (Response answer : List.of(r, c.get("/api/v2/users/testuser_standalone", root),
        c.get("/api/v2/users?limit=500", root))) {
      assertThat(answer.body()).doesNotContain("myaccesssecret").doesNotContain("clear_text_complex_password");
    }
    JsonNode secret = c.get("/api/v2/users/testuser_standalone?confidential_data=1", root).json()
        .path("filesystem").path("s3config").path("access_secret");
    assertSealedSecret(secret);

    // a GET body sent back unchanged keeps the stored secret
    Response again = c.put("/api/v2/users/testuser_standalone", root,
        c.get("/api/v2/users/testuser_standalone", root).body());
    assertThat(again.status()).as(again.body()).isEqualTo(200);
  }

  @Test
  void seedCaseBUserInAPrimaryGroupIsAccepted() {
    Map<String, Object> group = Map.of("name", "BasicUsers", "description", "seed 004",
        "user_settings", Map.of("permissions", Map.of("/", List.of("*")), "filesystem", Map.of("provider", 1,
            "s3config", Map.of("bucket", "groupbucket", "region", "eu-central-1", "access_key", "groupkey",
                "access_secret", Map.of("status", "Plain", "payload", "groupsecret"),
                "key_prefix", "users/%username%/"))));
    Response g = c.post("/api/v2/groups", root, group);
    assertThat(g.status()).as(g.body()).isEqualTo(201);
    assertThat(g.header("Location")).contains("/api/v2/groups/BasicUsers");
    assertThat(g.body()).doesNotContain("groupsecret");

    Response r = c.post("/api/v2/users", root, CASE_B);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("groups").get(0).path("name").asText()).isEqualTo("BasicUsers");
    assertThat(r.json().path("groups").get(0).path("type").asInt()).isEqualTo(1);

    Response got = c.get("/api/v2/groups/BasicUsers", root);
    assertThat(got.json().path("users").toString()).contains("testuser_group");
    assertThat(got.body()).doesNotContain("groupsecret");
    assertSealedSecret(got.json().path("user_settings").path("filesystem").path("s3config").path("access_secret"));
    assertThat(c.get("/api/v2/groups", root).body()).doesNotContain("groupsecret");
    assertError(c.delete("/api/v2/groups/BasicUsers", root), 409);
  }

  @Test
  void groupsAreCreatedUpdatedListedAndDeleted() {
    Response g = c.post("/api/v2/groups", root, Map.of("name", "g-crud", "description", "one"));
    assertThat(g.status()).as(g.body()).isEqualTo(201);
    Response u = c.put("/api/v2/groups/g-crud", root, Map.of("name", "g-crud", "description", "two"));
    assertThat(u.status()).as(u.body()).isEqualTo(200);
    assertThat(u.json().path("message").asText()).isEqualTo("Group updated");
    assertThat(c.get("/api/v2/groups/g-crud", root).json().path("description").asText()).isEqualTo("two");
    assertThat(names(c.get("/api/v2/groups?order=DESC", root), "name")).contains("g-crud");
    Response d = c.delete("/api/v2/groups/g-crud", root);
    assertThat(d.status()).isEqualTo(200);
    assertThat(d.json().path("message").asText()).isEqualTo("Group deleted");
    assertError(c.get("/api/v2/groups/g-crud", root), 404);
  }

  @Test
  void eachRouteNeedsItsAdminPermission() throws Exception {
    assertThat(c.post("/api/v2/users", root, localUser("perm-target")).status()).isEqualTo(201);
    Auth viewer = adminWith(c, root, "viewer", "view_users");
    Auth adder = adminWith(c, root, "adder", "add_users");
    Auth editor = adminWith(c, root, "editor", "edit_users");
    Auth deleter = adminWith(c, root, "deleter", "del_users");
    Auth grouper = adminWith(c, root, "grouper", "manage_groups");

    assertThat(c.get("/api/v2/users", viewer).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/users/perm-target", viewer).status()).isEqualTo(200);
    assertError(c.post("/api/v2/users", viewer, localUser("by-viewer")), 403);
    assertError(c.put("/api/v2/users/perm-target", viewer, localUser("perm-target")), 403);
    assertError(c.delete("/api/v2/users/perm-target", viewer), 403);
    assertError(c.get("/api/v2/groups", viewer), 403);

    assertThat(c.post("/api/v2/users", adder, localUser("by-adder")).status()).isEqualTo(201);
    assertError(c.get("/api/v2/users", adder), 403);
    assertError(c.post("/api/v2/users", editor, localUser("by-editor")), 403);
    assertThat(c.put("/api/v2/users/perm-target", editor, localUser("perm-target")).status()).isEqualTo(200);
    assertError(c.delete("/api/v2/users/perm-target", editor), 403);
    assertThat(c.delete("/api/v2/users/by-adder", deleter).status()).isEqualTo(200);

    assertThat(c.post("/api/v2/groups", grouper, Map.of("name", "by-grouper")).status()).isEqualTo(201);
    assertThat(c.get("/api/v2/groups", grouper).status()).isEqualTo(200);
    assertError(c.get("/api/v2/users", grouper), 403);
    assertError(c.get("/api/v2/users", V2Client.Auth.NONE), 401);
    Auth user = V2Client.bearer(c.userToken("perm-target", PW));
    assertError(c.get("/api/v2/users", user), 401);
    assertError(c.get("/api/v2/groups", user), 401);
  }

  @Test
  void secretsOfMappedFoldersAreNotShownInClear() throws Exception {
    Response f = c.post("/api/v2/folders", root, Map.of("name", "s3-folder", "filesystem", Map.of("provider", 1,
        "s3config", Map.of("bucket", "fb", "region", "eu-west-1", "access_key", "fk",
            "access_secret", Map.of("status", "Plain", "payload", "folder-secret-value")))));
    assertThat(f.status()).as(f.body()).isEqualTo(201);
    Map<String, Object> u = localUser("with-folder");
    u.put("virtual_folders", List.of(Map.of("name", "s3-folder", "virtual_path", "/remote")));
    Response r = c.post("/api/v2/users", root, u);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    Response got = c.get("/api/v2/users/with-folder", root);
    assertThat(got.body()).doesNotContain("folder-secret-value");
    assertSealedSecret(got.json().path("virtual_folders").get(0).path("filesystem").path("s3config")
        .path("access_secret"));
    assertThat(c.get("/api/v2/folders/s3-folder", root).body()).doesNotContain("folder-secret-value");
  }

  @Test
  void badBodiesGet400WithAMessage() throws Exception {
    assertError(c.post("/api/v2/users", root, "{\"username\": "), 400);
    assertError(c.post("/api/v2/users", root, "[1, 2]"), 400);
    assertError(c.post("/api/v2/users", root, ""), 400);
    Map<String, Object> u = localUser("bad");
    u.put("username", 5);
    assertError(c.post("/api/v2/users", root, u), 400);
    u = localUser("bad");
    u.put("status", "1");
    assertError(c.post("/api/v2/users", root, u), 400);
    u = localUser("bad");
    u.put("permissions", Map.of("/", "*"));
    assertError(c.post("/api/v2/users", root, u), 400);
    u = localUser("bad");
    u.put("filesystem", Map.of("provider", 9));
    Response unknownProvider = c.post("/api/v2/users", root, u);
    assertError(unknownProvider, 400);
    assertThat(unknownProvider.json().path("error").asText()).contains("provider");
    u = localUser("bad");
    u.put("filesystem", Map.of("provider", "one"));
    assertError(c.post("/api/v2/users", root, u), 400);
    u = localUser("bad");
    u.put("groups", List.of(Map.of("name", "nope", "type", 1)));
    assertError(c.post("/api/v2/users", root, u), 400);
    u = localUser("bad");
    u.put("filesystem", Map.of("provider", 1, "s3config", Map.of("bucket", "b", "access_secret", "in-clear")));
    assertError(c.post("/api/v2/users", root, u), 400);
    assertError(c.put("/api/v2/users/nobody", root, localUser("nobody")), 404);
    assertError(c.put("/api/v2/users/bad?disconnect=2", root, localUser("bad")), 400);
    assertError(c.post("/api/v2/groups", root, "{\"name\": [1]}"), 400);
    assertError(c.post("/api/v2/groups", root, Map.of("name", "gp", "user_settings", Map.of("filesystem",
        Map.of("provider", 4)))), 400);
  }

  static void assertSealedSecret(JsonNode secret) {
    assertThat(secret.path("status").asText()).isEqualTo("AES-256-GCM");
    assertThat(secret.has("payload")).isTrue();
    assertThat(secret.path("payload").asText()).isEmpty();
    assertThat(secret.has("key")).isTrue();
    assertThat(secret.has("additional_data")).isTrue();
    assertThat(secret.has("mode")).isTrue();
  }

  private static List<String> names(Response r) {
    return names(r, "username");
  }

  private static List<String> names(Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return java.util.stream.StreamSupport.stream(r.json().spliterator(), false).map(n -> n.path(field).asText())
        .toList();
  }
}
