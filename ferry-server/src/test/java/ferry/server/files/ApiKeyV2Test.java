package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X-SFTPGO-API-KEY and /api/v2/apikeys (issue 12). A user key's success shows as GET
 * /api/v2/user/dirs answering 200 (the user's home listed), an admin key's as GET /api/v2/version;
 * a refused key gets 401. As in the reference, a key acts as an account only when that account
 * allows API key authentication ({@code filters.allow_api_key_auth}, off by default, the first
 * admin's too): the first admin turns it on in its profile before the tests.
 */
class ApiKeyV2Test {
  private static final String PW = "user-Passw0rd";
  private static final String USER_PROBE = "/api/v2/user/dirs";
  private static final String ADMIN_PROBE = "/api/v2/version";
  @TempDir static Path shared;
  @TempDir Path dir;
  private static FerryServer server;
  private static V2Client c;
  private static Auth admin;

  @BeforeAll
  static void start() throws Exception {
    server = V2Client.startServer(shared);
    c = new V2Client(server);
    admin = V2Client.bearer(c.adminToken());
    allowKeys(admin);
    Response g = c.post("/v1/adm/groups", v1Admin(), Map.of("name", "keyed",
        "user_settings", Map.of("filters", Map.of("allow_api_key_auth", true))));
    assertThat(g.status()).as(g.body()).isEqualTo(201);
    addUser(Map.of("username", "alice", "filters", Map.of("allow_api_key_auth", true)));
    addUser(Map.of("username", "bob"));
    addUser(Map.of("username", "dave", "groups", List.of(Map.of("name", "keyed", "type", 1))));
    addUser(Map.of("username", "off", "status", 0, "filters", Map.of("allow_api_key_auth", true)));
  }

  /** Lets keys act as the admin of {@code token}: its profile's allow_api_key_auth (an API key may not change it). */
  private static void allowKeys(Auth token) {
    Response p = c.put("/api/v2/admin/profile", token, Map.of("allow_api_key_auth", true));
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    assertThat(c.get("/api/v2/admin/profile", token).json().path("allow_api_key_auth").asBoolean()).isTrue();
  }

  private static Auth v1Admin() {
    return V2Client.basic(V2Client.ADMIN, TestServers.ADMIN_PASSWORD);
  }

  private static void addUser(Map<String, Object> fields) throws Exception {
    Path home = Files.createDirectories(shared.resolve("homes").resolve((String) fields.get("username")));
    Map<String, Object> u = new HashMap<>(Map.of("password", PW, "home_dir", home.toString(),
        "permissions", Map.of("/", List.of("*"))));
    u.putAll(fields);
    Response r = c.post("/v1/adm/users", v1Admin(), u);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /** Creates a key and returns it. */
  private static String key(Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "k-" + System.nanoTime()));
    body.putAll(fields);
    Response r = c.post("/api/v2/apikeys", admin, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("key").asText();
  }

  private static int user(String key) {
    return c.get(USER_PROBE, V2Client.apiKey(key)).status();
  }

  private static int adminRoute(String key) {
    return c.get(ADMIN_PROBE, V2Client.apiKey(key)).status();
  }

  @Test
  void creationAnswers201WithTheKeyOnceAndGetNeverShowsIt() {
    Response r = c.post("/api/v2/apikeys", admin, Map.of("name", "ci", "scope", 2, "description", "for CI"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.header("X-Object-ID").orElseThrow();
    assertThat(r.header("Location")).contains("/api/v2/apikeys/" + id);
    assertThat(r.json().path("mesage").asText()).isNotEmpty();
    assertThat(r.json().path("key").asText()).startsWith(id + ".");
    Response got = c.get("/api/v2/apikeys/" + id, admin);
    assertThat(got.status()).isEqualTo(200);
    JsonNode k = got.json();
    assertThat(k.path("id").asText()).isEqualTo(id);
    assertThat(k.path("name").asText()).isEqualTo("ci");
    assertThat(k.path("scope").asInt()).isEqualTo(2);
    assertThat(k.path("description").asText()).isEqualTo("for CI");
    assertThat(k.path("created_at").asLong()).isCloseTo(Instant.now().toEpochMilli(), org.assertj.core.data.Offset.offset(60_000L));
    assertThat(k.has("key")).isFalse();
    assertThat(got.body()).doesNotContain(r.json().path("key").asText().substring(id.length() + 1));
    assertThat(c.get("/api/v2/apikeys/nope", admin).status()).isEqualTo(404);
  }

  @Test
  void aGenericKeyActsAsTheAccountNamedAfterIt() {
    String userKey = key(Map.of("scope", 2));
    assertThat(user(userKey + ".alice")).isEqualTo(200);
    assertThat(user(userKey + ".dave")).isEqualTo(200); // allow_api_key_auth from its group
    assertThat(user(userKey)).isEqualTo(401); // whom would it act as?
    String adminKey = key(Map.of("scope", 1));
    assertThat(adminRoute(adminKey + ".admin")).isEqualTo(200);
    assertThat(adminRoute(adminKey + ".ghost")).isEqualTo(401);
    assertThat(adminRoute(adminKey)).isEqualTo(401);
  }

  @Test
  void aBoundKeyActsAsItsAccountWhateverTheSuffix() {
    String alices = key(Map.of("scope", 2, "user", "alice"));
    assertThat(user(alices)).isEqualTo(200);
    // bob allows no API keys: a key acting as bob would be refused
    assertThat(user(alices + ".bob")).isEqualTo(200);
    String admins = key(Map.of("scope", 1, "admin", "admin"));
    assertThat(adminRoute(admins + ".ghost")).isEqualTo(200);
  }

  @Test
  void aKeyOfAnAccountThatAllowsNoApiKeysIsRefused() {
    String generic = key(Map.of("scope", 2));
    assertThat(user(generic + ".bob")).isEqualTo(401);
    assertThat(user(key(Map.of("scope", 2, "user", "bob")))).isEqualTo(401);
    // a disabled user cannot be acted as either, nor an unknown one
    assertThat(user(generic + ".off")).isEqualTo(401);
    assertThat(user(generic + ".nobody")).isEqualTo(401);
  }

  @Test
  void anAdminKeyWorksOnlyWhileItsAdminAllowsKeys() {
    Response created = c.post("/api/v2/admins", admin, Map.of("username", "carol", "password", PW, "status", 1,
        "permissions", List.of("*")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String bound = key(Map.of("scope", 1, "admin", "carol"));
    String generic = key(Map.of("scope", 1)) + ".carol";
    assertThat(adminRoute(bound)).isEqualTo(401);
    assertThat(adminRoute(generic)).isEqualTo(401);
    Auth carol = V2Client.bearer(c.adminToken("carol", PW));
    allowKeys(carol);
    assertThat(adminRoute(bound)).isEqualTo(200);
    assertThat(adminRoute(generic)).isEqualTo(200);
    Response off = c.put("/api/v2/admin/profile", carol, Map.of("allow_api_key_auth", false));
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(adminRoute(bound)).isEqualTo(401);
  }

  @Test
  void expiredDeletedAndRevokedKeysAreRefused() throws Exception {
    long soon = Instant.now().plus(Duration.ofSeconds(2)).toEpochMilli();
    String expiring = key(Map.of("scope", 2, "user", "alice", "expires_at", soon));
    assertThat(user(expiring)).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (user(expiring) != 401) {
      assertThat(System.nanoTime()).as("the key still works after its expiry").isLessThan(deadline);
      Thread.sleep(100); // polling the condition, not a guess at a time
    }
    assertThat(Instant.now().toEpochMilli()).isGreaterThanOrEqualTo(soon);

    String deleted = key(Map.of("scope", 1, "admin", "admin"));
    String id = deleted.substring(0, deleted.indexOf('.'));
    assertThat(adminRoute(deleted)).isEqualTo(200);
    Response del = c.delete("/api/v2/apikeys/" + id, admin);
    assertThat(del.status()).as(del.body()).isEqualTo(200);
    assertThat(del.json().path("message").asText()).isNotEmpty();
    assertThat(adminRoute(deleted)).isEqualTo(401);
    assertThat(c.get("/api/v2/apikeys/" + id, admin).status()).isEqualTo(404);

    String revoked = key(Map.of("scope", 1, "admin", "admin"));
    assertThat(adminRoute(revoked)).isEqualTo(200);
    Response rev = c.delete("/v1/adm/apikeys/" + revoked.substring(0, revoked.indexOf('.')), v1Admin());
    assertThat(rev.status()).as(rev.body()).isLessThan(300);
    assertThat(adminRoute(revoked)).isEqualTo(401);
  }

  @Test
  void aKeyOfOneScopeIsRefusedOnTheOtherScopesRoutes() {
    String userKey = key(Map.of("scope", 2, "user", "alice"));
    String adminKey = key(Map.of("scope", 1, "admin", "admin"));
    assertThat(adminRoute(userKey)).isEqualTo(401);
    assertThat(user(adminKey)).isEqualTo(401);
    assertThat(adminRoute(adminKey)).isEqualTo(200);
  }

  @Test
  void theFacesDoNotAcceptEachOthersKeys() {
    String cliKey = TestServers.cliKey(shared.resolve("data"));
    // the /v1 key keeps working on /v1, and is no key here
    assertThat(c.get("/v1/adm/apikeys", new Auth("X-API-Key", cliKey)).status()).isEqualTo(200);
    assertThat(c.get(ADMIN_PROBE, V2Client.apiKey(cliKey)).status()).isEqualTo(401);
    assertThat(c.get(ADMIN_PROBE, V2Client.apiKey(cliKey + ".admin")).status()).isEqualTo(401);
    String v2 = key(Map.of("scope", 1, "admin", "admin"));
    assertThat(c.get("/v1/adm/apikeys", new Auth("X-API-Key", v2)).status()).isEqualTo(401);
  }

  @Test
  void aCallerWithAnApiKeyCannotManageKeys() {
    Auth byKey = V2Client.apiKey(key(Map.of("scope", 1, "admin", "admin")));
    assertThat(c.get(ADMIN_PROBE, byKey).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/apikeys", byKey).status()).isEqualTo(403);
    assertThat(c.post("/api/v2/apikeys", byKey, Map.of("name", "x", "scope", 1)).status()).isEqualTo(403);
    assertThat(c.get("/api/v2/apikeys", Auth.NONE).status()).isEqualTo(401);
  }

  @Test
  void anExpiryCanOnlyBeShortened() {
    long in1h = Instant.now().plus(Duration.ofHours(1)).toEpochMilli();
    Response created = c.post("/api/v2/apikeys", admin, Map.of("name", "short", "scope", 2, "expires_at", in1h));
    String id = created.header("X-Object-ID").orElseThrow();
    long in30m = in1h - Duration.ofMinutes(30).toMillis();
    Response shorter = c.put("/api/v2/apikeys/" + id, admin, Map.of("name", "short", "scope", 2, "expires_at", in30m));
    assertThat(shorter.status()).as(shorter.body()).isEqualTo(200);
    assertThat(shorter.json().path("message").asText()).isNotEmpty();
    assertThat(c.get("/api/v2/apikeys/" + id, admin).json().path("expires_at").asLong()).isEqualTo(in30m);
    assertThat(c.put("/api/v2/apikeys/" + id, admin, Map.of("name", "short", "scope", 2, "expires_at", in1h)).status())
        .isEqualTo(400);
    assertThat(c.put("/api/v2/apikeys/" + id, admin, Map.of("name", "short", "scope", 2)).status()).isEqualTo(400);
    // a key without an expiry may get one
    String never = c.post("/api/v2/apikeys", admin, Map.of("name", "never", "scope", 2)).header("X-Object-ID").orElseThrow();
    assertThat(c.put("/api/v2/apikeys/" + never, admin, Map.of("name", "never", "scope", 2, "expires_at", in1h)).status())
        .isEqualTo(200);
  }

  @Test
  void badInputIsA400() {
    for (Object body : List.of(Map.of("name", "x", "scope", 3), Map.of("scope", 1), Map.of("name", "x", "scope", "1"),
        Map.of("name", "x", "scope", 1, "user", "alice"), Map.of("name", "x", "scope", 2, "admin", "admin"),
        Map.of("name", "x", "scope", 2, "user", "nobody"), Map.of("name", "x", "scope", 1, "admin", "ghost"),
        Map.of("name", "x", "scope", 2, "expires_at", 1000), "{not json", "[]")) {
      Response r = c.post("/api/v2/apikeys", admin, body);
      assertThat(r.status()).as(body + " -> " + r.body()).isEqualTo(400);
      assertThat(r.json().path("error").asText()).isNotEmpty();
    }
  }

  @Test
  void theListPagesByIdInEitherOrder() {
    for (int i = 0; i < 3; i++) key(Map.of("scope", 2));
    List<String> asc = ids(c.get("/api/v2/apikeys?limit=500", admin));
    assertThat(asc).hasSizeGreaterThanOrEqualTo(3).isSorted();
    List<String> desc = ids(c.get("/api/v2/apikeys?order=DESC&limit=500", admin));
    assertThat(desc).containsExactlyElementsOf(asc.reversed());
    assertThat(ids(c.get("/api/v2/apikeys?offset=1&limit=2", admin))).containsExactlyElementsOf(asc.subList(1, 3));
    // only the file server's keys: not the CLI's /v1 key
    assertThat(c.get("/api/v2/apikeys", admin).body()).doesNotContain("local-cli");
    assertThat(c.get("/api/v2/apikeys?limit=501", admin).status()).isEqualTo(400);
    assertThat(c.get("/api/v2/apikeys?order=UP", admin).status()).isEqualTo(400);
  }

  private static List<String> ids(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode k : r.json()) {
      assertThat(k.has("key")).isFalse();
      out.add(k.path("id").asText());
    }
    return out;
  }

  @Test
  void invalidKeysAreScoredTowardABan() {
    FerryServer strict = TestServers.start(TestServers.config(dir, true, List.of(), DefenderConfig.defaults().withThreshold(3)));
    try {
      V2Client s = new V2Client(strict);
      Auth token = V2Client.bearer(s.adminToken());
      for (String bad : List.of("garbage", "AAAAAAAAAAAAAAAAAAAAAA.secret.admin", "x.y")) {
        assertThat(s.get(ADMIN_PROBE, V2Client.apiKey(bad)).status()).isEqualTo(401);
      }
      assertThat(s.get(ADMIN_PROBE, token).status()).isEqualTo(403);
    } finally {
      strict.stop();
    }
  }
}
