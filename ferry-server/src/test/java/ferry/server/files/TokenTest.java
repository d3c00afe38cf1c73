package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.DefenderConfig;
import ferry.core.auth.token.Audience;
import ferry.core.auth.token.IssuedToken;
import ferry.core.auth.token.TokenService;
import ferry.core.secret.SecretCipher;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import ferry.store.Database;
import ferry.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens of /api/v2 (issue 12): Basic login, bearer use, audiences, logout, expiry, the Defender. */
class TokenTest {
  private static final String PW = "alice-Passw0rd";
  @TempDir static Path shared;
  @TempDir Path dir;
  private static FerryServer server;
  private static V2Client c;

  @BeforeAll
  static void start() throws Exception {
    server = V2Client.startServer(shared);
    c = new V2Client(server);
    for (String name : List.of("alice", "bob")) addUser(Map.of("username", name));
    addUser(Map.of("username", "off", "status", 0));
    addUser(Map.of("username", "nohttp", "filters", Map.of("denied_protocols", List.of("HTTP"))));
    addUser(Map.of("username", "nopassword", "filters", Map.of("denied_login_methods", List.of("password"))));
    addUser(Map.of("username", "elsewhere", "filters", Map.of("allowed_ip", List.of("192.0.2.0/24"))));
    addUser(Map.of("username", "sshonly", "filters", Map.of("denied_login_methods", List.of("password-over-SSH"))));
  }

  private static void addUser(Map<String, Object> fields) throws Exception {
    Path home = Files.createDirectories(shared.resolve("homes").resolve((String) fields.get("username")));
    Map<String, Object> u = new java.util.HashMap<>(Map.of("password", PW, "home_dir", home.toString(),
        "permissions", Map.of("/", List.of("*"))));
    u.putAll(fields);
    Response r = c.post("/v1/adm/users", V2Client.basic(V2Client.ADMIN, TestServers.ADMIN_PASSWORD), u);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  @Test
  void anAdminTokenAnswersTheTokenSchemaAndOpensAnAdminRoute() {
    Instant before = Instant.now();
    Response t = c.get("/api/v2/token", V2Client.basic("admin", TestServers.ADMIN_PASSWORD));
    assertThat(t.status()).as(t.body()).isEqualTo(200);
    assertThat(t.json().path("access_token").asText()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    Instant expires = Instant.parse(t.json().path("expires_at").asText());
    assertThat(expires).isBetween(before.plus(Duration.ofMinutes(19)), Instant.now().plus(Duration.ofMinutes(21)));

    Response v = c.get("/api/v2/version", V2Client.bearer(t.json().path("access_token").asText()));
    assertThat(v.status()).as(v.body()).isEqualTo(200);
    assertThat(v.json().path("version").asText()).isNotEmpty();
    assertThat(v.json().path("features").isArray()).isTrue();
    assertThat(v.json().has("build_date")).isTrue();
    assertThat(v.json().has("commit_hash")).isTrue();
  }

  @Test
  void withoutCredentialsTheTokenRoutesAskForBasicAsCurlAnyauthExpects() {
    for (String path : List.of("/api/v2/token", "/api/v2/user/token")) {
      Response r = c.get(path, Auth.NONE);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Basic realm="));
      assertThat(r.json().path("error").asText()).isNotEmpty();
      assertThat(r.json().path("message").asText()).isNotEmpty();
    }
    Response r = c.get("/api/v2/version", Auth.NONE);
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void curlWithAnyauthGetsATokenForAnAdminAndAUser() throws Exception {
    assertThat(curlToken("/api/v2/token", "admin", TestServers.ADMIN_PASSWORD)).contains("\"access_token\"");
    assertThat(curlToken("/api/v2/user/token", "alice", PW)).contains("\"access_token\"").contains("\"expires_at\"");
  }

  private static String curlToken(String path, String user, String pw) throws Exception {
    Process p = new ProcessBuilder("curl", "-sS", "--fail", "--anyauth", "-u", user + ":" + pw, c.url() + path)
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void aWrongPasswordIsRefusedWith401AndScoredTowardABan() {
    FerryServer strict = TestServers.start(TestServers.config(dir, true, List.of(), DefenderConfig.defaults().withThreshold(4)));
    try {
      V2Client s = new V2Client(strict);
      Response wrong = s.get("/api/v2/token", V2Client.basic("admin", "wrong"));
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.json().path("error").asText()).isNotEmpty();
      // 2 points per failed login: the second reaches the threshold and bans loopback on every route
      assertThat(s.get("/api/v2/user/token", V2Client.basic("nobody", "wrong")).status()).isEqualTo(401);
      assertThat(s.get("/api/v2/token", V2Client.basic("admin", TestServers.ADMIN_PASSWORD)).status()).isEqualTo(403);
      assertThat(s.get("/api/v2/version", V2Client.bearer("x.y.z")).status()).isEqualTo(403);
    } finally {
      strict.stop();
    }
  }

  @Test
  void invalidTokensAreScoredTowardABan() {
    FerryServer strict = TestServers.start(TestServers.config(dir, true, List.of(), DefenderConfig.defaults().withThreshold(3)));
    try {
      V2Client s = new V2Client(strict);
      String good = s.adminToken();
      for (int i = 0; i < 3; i++) assertThat(s.get("/api/v2/version", V2Client.bearer("not-a-token")).status()).isEqualTo(401);
      assertThat(s.get("/api/v2/version", V2Client.bearer(good)).status()).isEqualTo(403);
    } finally {
      strict.stop();
    }
  }

  @Test
  void aTokenIsRefusedAfterItsLogout() {
    String admin = c.adminToken();
    String other = c.adminToken();
    Response out = c.get("/api/v2/logout", V2Client.bearer(admin));
    assertThat(out.status()).as(out.body()).isEqualTo(200);
    assertThat(out.json().path("message").asText()).isNotEmpty();
    assertThat(c.get("/api/v2/version", V2Client.bearer(admin)).status()).isEqualTo(401);
    assertThat(c.get("/api/v2/logout", V2Client.bearer(admin)).status()).isEqualTo(401);
    // only that token: the admin's other token still works
    assertThat(c.get("/api/v2/version", V2Client.bearer(other)).status()).isEqualTo(200);

    String user = c.userToken("alice", PW);
    assertThat(c.get("/api/v2/user/logout", V2Client.bearer(user)).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/user/logout", V2Client.bearer(user)).status()).isEqualTo(401);
  }

  @Test
  void aTokenOfOneAudienceIsRefusedOnTheOther() {
    String admin = c.adminToken();
    String user = c.userToken("alice", PW);
    assertThat(c.get("/api/v2/user/logout", V2Client.bearer(admin)).status()).isEqualTo(401);
    assertThat(c.get("/api/v2/version", V2Client.bearer(user)).status()).isEqualTo(401);
    assertThat(c.get("/api/v2/logout", V2Client.bearer(user)).status()).isEqualTo(401);
    // and both still work where they belong
    assertThat(c.get("/api/v2/version", V2Client.bearer(admin)).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/user/logout", V2Client.bearer(user)).status()).isEqualTo(200);
  }

  @Test
  void aUserGetsATokenOnlyWhenItMayLogInOverHttpWithAPassword() {
    Response ok = c.get("/api/v2/user/token", V2Client.basic("bob", PW));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().path("access_token").asText()).isNotEmpty();
    // password-over-SSH denies SSH only
    assertThat(c.get("/api/v2/user/token", V2Client.basic("sshonly", PW)).status()).isEqualTo(200);
    for (String refused : List.of("off", "nohttp", "nopassword", "elsewhere", "nobody")) {
      Response r = c.get("/api/v2/user/token", V2Client.basic(refused, PW));
      assertThat(r.status()).as(refused + ": " + r.body()).isEqualTo(401);
      // the same answer for each: it does not tell which users exist or how they are set
      assertThat(r.json().path("error").asText()).isEqualTo("wrong username or password");
    }
    assertThat(c.get("/api/v2/user/token", V2Client.basic("bob", "wrong")).status()).isEqualTo(401);
    // an admin is not a file-server user, nor the other way round
    assertThat(c.get("/api/v2/user/token", V2Client.basic("admin", TestServers.ADMIN_PASSWORD)).status()).isEqualTo(401);
    assertThat(c.get("/api/v2/token", V2Client.basic("bob", PW)).status()).isEqualTo(401);
  }

  @Test
  void aTokenOfAUserDisabledSinceItsLoginIsRefused() throws Exception {
    addUser(Map.of("username", "leaving"));
    String token = c.userToken("leaving", PW);
    assertThat(c.get("/api/v2/user/logout", V2Client.bearer(c.userToken("leaving", PW))).status()).isEqualTo(200);
    Response off = c.sendJson("PUT", "/v1/adm/users/leaving", V2Client.basic(V2Client.ADMIN, TestServers.ADMIN_PASSWORD),
        Map.of("username", "leaving", "status", 0, "home_dir", shared.resolve("homes/leaving").toString(),
            "permissions", Map.of("/", List.of("*"))));
    assertThat(off.status()).as(off.body()).isEqualTo(200);
    assertThat(c.get("/api/v2/user/logout", V2Client.bearer(token)).status()).isEqualTo(401);
  }

  @Test
  void aTokenIsRefusedFromAnAddressItsAccountNoLongerAllows() throws Exception {
    addUser(Map.of("username", "moving"));
    String user = c.userToken("moving", PW);
    assertThat(c.get("/api/v2/user/dirs", V2Client.bearer(user)).status()).isEqualTo(200);
    Response moved = c.sendJson("PUT", "/v1/adm/users/moving", V2Client.basic(V2Client.ADMIN, TestServers.ADMIN_PASSWORD),
        Map.of("username", "moving", "status", 1, "home_dir", shared.resolve("homes/moving").toString(),
            "permissions", Map.of("/", List.of("*")), "filters", Map.of("allowed_ip", List.of("192.0.2.0/24"))));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(c.get("/api/v2/user/dirs", V2Client.bearer(user)).status()).isEqualTo(401);

    // an admin whose allow list leaves this address out after its login (a disabled one: AdminsApiTest)
    V2Client.Auth root = V2Client.bearer(c.adminToken());
    Response made = c.post("/api/v2/admins", root, Map.of("username", "fenced", "password", PW, "status", 1,
        "permissions", List.of("*")));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    V2Client.Auth fenced = V2Client.bearer(c.adminToken("fenced", PW));
    assertThat(c.get("/api/v2/users", fenced).status()).isEqualTo(200);
    assertThat(c.put("/api/v2/admins/fenced", root, Map.of("username", "fenced", "status", 1,
        "permissions", List.of("*"), "filters", Map.of("allow_list", List.of("192.0.2.0/24")))).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/users", fenced).status()).isEqualTo(401);
  }

  @Test
  void anUnknownPathIsA404EvenWithoutCredentials() {
    Response r = c.get("/api/v2/no-such-route", Auth.NONE);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("error").asText()).isNotEmpty();
  }

  @Test
  void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
    FerryServer other = TestServers.start(TestServers.config(dir, true, List.of(), null));
    String foreign;
    try {
      foreign = new V2Client(other).adminToken();
    } finally {
      other.stop();
    }
    assertThat(c.get("/api/v2/version", V2Client.bearer(foreign)).status()).isEqualTo(401);
  }

  @Test
  void everyNodeOfADatabaseSharesTheKeyAndAnExpiredTokenIsRefused() {
    FerryServer first = TestServers.start(TestServers.config(dir, true, List.of(), null));
    first.stop();
    // another node of the same database (here: the same data dir, the embedded database is exclusive)
    byte[] masterKey;
    try {
      masterKey = Base64.getDecoder().decode(Files.readString(dir.resolve("master.key")).strip());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    IssuedToken valid;
    IssuedToken expired;
    try (Store store = Store.open(Database.embeddedUrl(dir), 2)) {
      SecretCipher cipher = new SecretCipher(masterKey);
      valid = new TokenService(store.tokens(), cipher, Clock.systemUTC()).issue("admin", Audience.ADMIN);
      Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
      expired = new TokenService(store.tokens(), cipher, anHourAgo).issue("admin", Audience.ADMIN);
    }
    FerryServer again = TestServers.start(TestServers.config(dir, true, List.of(), null));
    try {
      V2Client s = new V2Client(again);
      assertThat(s.get("/api/v2/version", V2Client.bearer(valid.token())).status()).isEqualTo(200);
      Response r = s.get("/api/v2/version", V2Client.bearer(expired.token()));
      assertThat(r.status()).as(r.body()).isEqualTo(401);
    } finally {
      again.stop();
    }
  }
}
