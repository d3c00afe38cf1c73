package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users and groups end to end: the real {@code ferry user} and {@code ferry group} CLI against a
 * real {@code ferry serve}, plus the REST statuses of /v1/adm/users and /v1/adm/groups. The methods
 * run in order on one server; every CLI output is kept so the last one can check that no password
 * or hash was ever shown.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALICE_PW = "Alice-Pw-58213-secret";
  private static final String BOB_PW = "Bob-Pw-77120-secret";
  private static final String BOB_PW_FROM_FILE = "Bob-File-Pw-31337";
  private static final String S3_SECRET = "s3-Secret-Access-Key-0815";
  private static final String ALICE_KEY =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpxZ753JTWBKmkSOqVvmujK3cOhRmK6WwqjXBJ9UR8c alice@test";

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static String admin;
  static final List<String> shown = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    api = server.api();
    admin = server.cliKey();
    Path shared = Files.createDirectories(tmp.resolve("shared"));
    Path folder = write("shared.json", Map.of("name", "shared", "mapped_path", shared.toString()));
    ok("folder", "add", "--json", folder.toString());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  @Order(1)
  void aGroupAndAUserAreAddedWithFlags() throws Exception {
    String homes = tmp.resolve("homes").toString();
    assertThat(ok("group", "add", "--name", "staff", "--home-dir", homes + "/%username%",
        "--permissions", "/=list,download", "/in=*", "--quota-size", "1048576").out()).contains("added group staff");
    Path key = Files.writeString(tmp.resolve("alice.pub"), "# alice's laptop\n" + ALICE_KEY + "\n");
    assertThat(ok("user", "add", "--username", "alice", "--password", ALICE_PW, "--public-key", key.toString(),
        "--primary-group", "staff").out()).contains("added user alice");

    JsonNode alice = JSON.readTree(ok("user", "get", "alice").out());
    assertThat(alice.path("username").asText()).isEqualTo("alice");
    assertThat(alice.path("status").asInt()).isEqualTo(1);
    assertThat(alice.path("has_password").asBoolean()).isTrue();
    assertThat(alice.has("password")).isFalse();
    assertThat(alice.path("public_keys").get(0).asText()).isEqualTo(ALICE_KEY);
    assertThat(alice.path("home_dir").asText()).isEmpty();
    assertThat(alice.path("groups")).hasSize(1);
    assertThat(alice.path("groups").get(0).path("name").asText()).isEqualTo("staff");
    assertThat(alice.path("groups").get(0).path("type").asInt()).isEqualTo(1);
    assertThat(alice.path("created_at").asLong()).isGreaterThan(1_700_000_000_000L);

    JsonNode staff = JSON.readTree(ok("group", "get", "staff").out());
    assertThat(staff.path("users")).extracting(JsonNode::asText).containsExactly("alice");
    assertThat(staff.path("user_settings").path("home_dir").asText()).isEqualTo(homes + "/%username%");
    assertThat(staff.path("user_settings").path("quota_size").asLong()).isEqualTo(1048576);
    assertThat(staff.path("user_settings").path("permissions").path("/in").get(0).asText()).isEqualTo("*");
    assertThat(staff.path("user_settings").path("permissions").path("/")).extracting(JsonNode::asText)
        .containsExactly("list", "download");
  }

  @Test
  @Order(2)
  void aUserIsAddedFromJsonWithFlagsOverridingIt() throws Exception {
    Path bob = write("bob.json", Map.of(
        "username", "bob", "password", BOB_PW_FROM_FILE, "home_dir", tmp.resolve("bob").toString(),
        "permissions", Map.of("/", List.of("*"), "/ro", List.of("list", "download")),
        "quota_files", 3,
        "virtual_folders", List.of(Map.of("name", "shared", "virtual_path", "/shared", "quota_size", -1,
            "quota_files", -1)),
        "groups", List.of(Map.of("name", "staff", "type", 2)),
        "filters", Map.of("allowed_ip", List.of("127.0.0.0/8"),
            "file_patterns", List.of(Map.of("path", "/", "denied_patterns", List.of("*.exe"))))));
    assertThat(ok("user", "add", "--json", bob.toString(), "--quota-files", "9", "--password", BOB_PW).out())
        .contains("added user bob");

    JsonNode got = JSON.readTree(ok("user", "get", "bob").out());
    assertThat(got.path("quota_files").asLong()).isEqualTo(9);
    assertThat(got.path("permissions").path("/ro")).extracting(JsonNode::asText).containsExactly("list", "download");
    JsonNode vf = got.path("virtual_folders").get(0);
    assertThat(vf.path("name").asText()).isEqualTo("shared");
    assertThat(vf.path("virtual_path").asText()).isEqualTo("/shared");
    assertThat(vf.path("mapped_path").asText()).isEqualTo(tmp.resolve("shared").toString());
    assertThat(vf.path("quota_size").asLong()).isEqualTo(-1);
    assertThat(got.path("filters").path("allowed_ip")).extracting(JsonNode::asText).containsExactly("127.0.0.0/8");
    assertThat(got.path("filters").path("file_patterns").get(0).path("denied_patterns").get(0).asText())
        .isEqualTo("*.exe");

    JsonNode folder = JSON.readTree(ok("folder", "get", "shared").out());
    assertThat(folder.path("users")).extracting(JsonNode::asText).containsExactly("bob");
    assertThat(folder.has("used_quota_size")).isTrue();
    assertThat(folder.path("last_quota_update").asLong()).isZero();

    String table = ok("user", "list").out();
    assertThat(table).contains("USERNAME").contains("alice").contains("bob").contains("staff*");
    JsonNode list = JSON.readTree(ok("user", "list", "--json").out());
    assertThat(list).extracting(u -> u.path("username").asText()).containsExactly("alice", "bob");
    assertThat(ok("group", "list").out()).contains("staff").contains("alice,bob");
  }

  @Test
  @Order(3)
  void anUpdateChangesOnlyWhatTheFlagsSay() throws Exception {
    assertThat(ok("user", "update", "alice", "--quota-size", "7", "--permissions", "/=*").out())
        .contains("updated user alice");
    JsonNode alice = JSON.readTree(ok("user", "get", "alice").out());
    assertThat(alice.path("quota_size").asLong()).isEqualTo(7);
    assertThat(alice.path("has_password").asBoolean()).isTrue();
    assertThat(alice.path("public_keys")).hasSize(1);
    assertThat(alice.path("groups").get(0).path("name").asText()).isEqualTo("staff");
    assertThat(alice.path("permissions").path("/").get(0).asText()).isEqualTo("*");

    ok("group", "update", "staff", "--quota-files", "100");
    JsonNode staff = JSON.readTree(ok("group", "get", "staff").out());
    assertThat(staff.path("user_settings").path("quota_files").asLong()).isEqualTo(100);
    assertThat(staff.path("user_settings").path("home_dir").asText()).endsWith("/%username%");
  }

  @Test
  @Order(4)
  void badInputGetsAClearErrorNamingTheField() {
    assertFails(List.of("user", "add", "--username", "carol", "--password", "x", "--home-dir", "relative",
        "--permissions", "/=*"), "home_dir");
    assertFails(List.of("user", "add", "--username", "carol", "--password", "x", "--home-dir", "/h",
        "--permissions", "/=read"), "unknown permission 'read'");
    assertFails(List.of("user", "add", "--username", "carol", "--password", "x", "--home-dir", "/h",
        "--permissions", "in=*"), "permissions key must be an absolute path");
    assertFails(List.of("user", "add", "--username", "carol", "--public-key", "not a key", "--home-dir", "/h",
        "--permissions", "/=*"), "public_keys[0]");
    assertFails(List.of("user", "add", "--username", "carol", "--password", "x", "--home-dir", "/h",
        "--permissions", "/=*", "--primary-group", "nope"), "no group named 'nope'");
    assertFails(List.of("user", "add", "--username", "alice", "--password", "x", "--home-dir", "/h",
        "--permissions", "/=*"), "already exists");
    assertFails(List.of("user", "get", "nobody"), "no user named 'nobody'");
    assertFails(List.of("group", "delete", "staff"), "used by 2 user(s): alice, bob");
    assertFails(List.of("folder", "delete", "shared"), "mapped by user bob");

    assertThat(api.call("POST", "/v1/adm/users", admin, "{\"username\": 5}").status()).isEqualTo(400);
    Api.Response dup = api.call("POST", "/v1/adm/groups", admin, "{\"name\": \"staff\"}");
    assertThat(dup.status()).as(dup.toString()).isEqualTo(409);
    Api.Response missing = api.call("PUT", "/v1/adm/users/ghost", admin, "{\"password\": \"x\"}");
    assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
    Api.Response bad = api.call("POST", "/v1/adm/users", admin, "{\"username\": \"x\", \"password\": \"p\","
        + " \"home_dir\": \"/h\", \"permissions\": {\"/\": [\"*\"]}, \"virtual_folders\": [{\"name\": \"shared\","
        + " \"virtual_path\": \"/\"}]}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).contains("virtual_path");
  }

  @Test
  @Order(5)
  void controlCharactersUnknownEnumsBadGlobsAndAbsurdDatesAreA400NamingTheProblem() throws Exception {
    String home = tmp.resolve("homes/v").toString();
    Map<String, Object> ftp = Map.of("provider", 7,
        "ftpconfig", Map.of("endpoint", "127.0.0.1:2121", "username", "u", "tls_mode", 9));
    long year30000 = Instant.parse("+30000-01-01T00:00:00Z").toEpochMilli();

    refused("/v1/adm/users", Map.of("username", "ev\0il", "password", "P-1", "home_dir", home,
        "permissions", Map.of("/", List.of("*"))), "username must not contain control characters, got U+0000");
    refused("/v1/adm/folders", Map.of("name", "two\nlines", "mapped_path", home),
        "name must not contain control characters, got U+000A");
    refused("/v1/adm/apikeys", Map.of("name", "key\0"), "name must not contain control characters, got U+0000");
    refused("/v1/adm/scripts", Map.of("name", "forged\nline", "source", "Log.Info('x');"),
        "name must not contain control characters, got U+000A");
    refused("/v1/adm/folders", Map.of("name", "ftp-nine", "filesystem", ftp),
        "filesystem.ftpconfig.tls_mode must be 0 (none), 1 (explicit) or 2 (implicit), got 9");
    refused("/v1/adm/users", Map.of("username", "ftp-nine", "password", "P-1", "filesystem", ftp,
        "permissions", Map.of("/", List.of("*"))), "filesystem.ftpconfig.tls_mode");
    refused("/v1/adm/users", Map.of("username", "globber", "password", "P-1", "home_dir", home,
        "permissions", Map.of("/", List.of("*")), "filters", Map.of("file_patterns",
            List.of(Map.of("path", "/", "denied_patterns", List.of("[z-a]"))))),
        "filters.file_patterns[\"/\"].denied_patterns: '[z-a]' is not a valid pattern");
    refused("/v1/adm/users", Map.of("username", "methuselah", "password", "P-1", "home_dir", home,
        "permissions", Map.of("/", List.of("*")), "expiration_date", year30000), "expiration_date must lie between");
    refused("/v1/adm/apikeys", Map.of("name", "forever", "expiresAt", "+30000-01-01T00:00:00Z"),
        "expiresAt must lie between");

    assertThat(api.expect(200, "GET", "/v1/adm/users", admin, null)).extracting(u -> u.path("username").asText())
        .containsExactly("alice", "bob");
    assertThat(api.expect(200, "GET", "/v1/adm/folders", admin, null)).extracting(f -> f.path("name").asText())
        .containsExactly("shared");
    assertThat(api.expect(200, "GET", "/v1/adm/apikeys", admin, null).path("items"))
        .extracting(k -> k.path("name").asText()).doesNotContain("key\0", "forever");
    assertThat(api.expect(200, "GET", "/v1/adm/scripts", admin, null).toString()).doesNotContain("forged");
  }

  @Test
  @Order(6)
  void theRestFaceAnswersWithTheReferenceStatuses() {
    JsonNode created = api.expect(201, "POST", "/v1/adm/users", admin, "{\"username\": \"rest\", \"password\":"
        + " \"Rest-Pw-1\", \"home_dir\": \"/srv/rest\", \"permissions\": {\"/\": [\"list\"]}}");
    assertThat(created.path("username").asText()).isEqualTo("rest");
    assertThat(created.has("password")).isFalse();
    JsonNode updated = api.expect(200, "PUT", "/v1/adm/users/rest", admin, "{\"home_dir\": \"/srv/rest2\","
        + " \"permissions\": {\"/\": [\"*\"]}, \"status\": 0}");
    assertThat(updated.path("home_dir").asText()).isEqualTo("/srv/rest2");
    assertThat(updated.path("status").asInt()).isZero();
    assertThat(updated.path("has_password").asBoolean()).isTrue();
    api.expect(204, "DELETE", "/v1/adm/users/rest", admin, null);

    Api.Response s3 = api.call("POST", "/v1/adm/users", admin, "{\"username\": \"s3user\", \"password\":"
        + " \"Rest-Pw-1\", \"permissions\": {\"/\": [\"*\"]}, \"filesystem\": {\"provider\": 1, \"s3config\":"
        + " {\"bucket\": \"b\", \"access_key\": \"AK\", \"access_secret\": {\"status\": \"Plain\", \"payload\": \""
        + S3_SECRET + "\"}}}}");
    assertThat(s3.status()).as(s3.toString()).isEqualTo(201);
    JsonNode secret = api.expect(200, "GET", "/v1/adm/users/s3user", admin, null)
        .path("filesystem").path("s3config").path("access_secret");
    assertThat(secret.path("status").asText()).isEqualTo("AES-256-GCM");
    assertThat(secret.path("payload").asText()).isEmpty();
    assertThat(s3.body()).doesNotContain(S3_SECRET);
    api.expect(204, "DELETE", "/v1/adm/users/s3user", admin, null);
    api.expect(404, "DELETE", "/v1/adm/users/rest", admin, null);
    api.expect(401, "GET", "/v1/adm/users", null, null);
  }

  @Test
  @Order(7)
  void deletesLeaveNothingAndNoPasswordWasEverShown() {
    ok("user", "delete", "alice");
    ok("user", "delete", "bob");
    assertThat(ok("group", "delete", "staff").out()).contains("deleted group staff");
    assertThat(ok("user", "list").out()).contains("no users");
    assertThat(ok("group", "list").out()).contains("no groups");
    ok("folder", "delete", "shared");

    String all = String.join("\n", shown) + server.log();
    for (String secret : List.of(ALICE_PW, BOB_PW, BOB_PW_FROM_FILE, "Rest-Pw-1", S3_SECRET, "$argon2"))
      assertThat(all).doesNotContain(secret);
  }

  /** POSTs {@code body} and expects a 400 whose JSON message says {@code problem}. */
  private static void refused(String path, Map<String, Object> body, String problem) throws Exception {
    Api.Response r = api.post(path, admin, JSON.writeValueAsString(body));
    assertThat(r.status()).as(path + " " + r).isEqualTo(400);
    assertThat(r.json()).as(path + " " + r).isNotNull();
    assertThat(r.json().path("message").asText()).as(path + " " + r).contains(problem);
  }

  private static Launch.Result ok(String... args) {
    Launch.Result r = ferry(List.of(args));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }

  private static void assertFails(List<String> args, String fragment) {
    Launch.Result r = ferry(args);
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).as(r.toString()).contains(fragment).startsWith("ferry: ").doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private static Launch.Result ferry(List<String> args) {
    Launch.Result r = Launch.run(args, Map.of(), tmp, null);
    shown.add(r.out());
    shown.add(r.err());
    return r;
  }

  private static Path write(String name, Object json) throws Exception {
    return Files.writeString(tmp.resolve(name), JSON.writeValueAsString(json));
  }
}
