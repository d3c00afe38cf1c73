package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's authorization matrix: every served /api/v2 route × every kind of caller. Expected
 * statuses follow the reference: a missing, invalid, expired, revoked or logged-out credential, or
 * one for the other face (an admin's on a user route, a user's on an admin route) is 401; an admin
 * without the route's permission is 403, as is a good API key on a route whose only security is
 * BearerAuth (profile, changepwd, logout, apikeys: SFTPGo's "API key authentication is not allowed").
 *
 * <p>A caller that passes the check gets the route's {@code ok} status. The probes never change
 * shared state, so most "ok"s are a 4xx that the route can only answer after the check: 404 for an
 * object that does not exist, 400 for a body the route reads only once the caller is known.
 */
class AuthorizationMatrixTest {
  private static final String PW = "matrix-Passw0rd";
  private static final String NOBODY = "/no-such-thing";
  /** The permissions some route needs; each admin of the matrix holds exactly one (or only view_events, no route's). */
  private static final Set<AdminPermission> ROUTE_PERMISSIONS = EnumSet.of(AdminPermission.ADD_USERS,
      AdminPermission.EDIT_USERS, AdminPermission.DEL_USERS, AdminPermission.VIEW_USERS, AdminPermission.VIEW_CONNS,
      AdminPermission.CLOSE_CONNS, AdminPermission.VIEW_STATUS, AdminPermission.MANAGE_FOLDERS,
      AdminPermission.MANAGE_GROUPS, AdminPermission.QUOTA_SCANS, AdminPermission.MANAGE_DEFENDER,
      AdminPermission.VIEW_DEFENDER);

  @TempDir static Path dir;
  private static FerryServer server;
  private static V2Client c;
  private static Auth root;

  // ---- who calls -------------------------------------------------------------------------------

  enum Face { ADMIN, USER, NONE }

  /**
   * A caller of the matrix. {@code valid} false: the credential itself must be refused (401).
   * {@code fresh} mints a new token of the same account, for the logout routes (which end the token).
   */
  record Who(String name, Face face, Set<AdminPermission> permissions, boolean viaKey, boolean valid, Auth auth,
      Supplier<Auth> fresh) {
    boolean has(AdminPermission p) {
      return permissions.contains(AdminPermission.ALL) || permissions.contains(p);
    }
  }

  private static final List<Who> CALLERS = new ArrayList<>();

  // ---- what is called --------------------------------------------------------------------------

  enum Kind { PUBLIC, BASIC, ADMIN, USER }

  /**
   * A route's rule and its probe. {@code permission} null: any admin. {@code tokenOnly}: an API key
   * is refused with 403. {@code endsToken}: logout, which ends the token it is called with.
   */
  record Rule(Kind kind, AdminPermission permission, boolean tokenOnly, boolean endsToken) {}

  record Probe(String method, String path, String body, int ok) {}

  record Row(Rule rule, Probe probe) {}

  private static final Map<String, Row> TABLE = new LinkedHashMap<>();

  private static Rule pub() {
    return new Rule(Kind.PUBLIC, null, false, false);
  }

  private static Rule admin(AdminPermission p) {
    return new Rule(Kind.ADMIN, p, false, false);
  }

  private static Rule anyAdmin() {
    return new Rule(Kind.ADMIN, null, false, false);
  }

  private static Rule adminToken(AdminPermission p) {
    return new Rule(Kind.ADMIN, p, true, false);
  }

  private static Rule user() {
    return new Rule(Kind.USER, null, false, false);
  }

  private static Rule userToken() {
    return new Rule(Kind.USER, null, true, false);
  }

  private static void row(String route, Rule rule, String path, String body, int ok) {
    String method = route.substring(0, route.indexOf(' '));
    TABLE.put(route, new Row(rule, new Probe(method, path, body, ok)));
  }

  private static void row(String route, Rule rule, int ok) {
    row(route, rule, route.substring(route.indexOf(' ') + 1), null, ok);
  }

  static {
    // public: the same answer whoever calls; the token routes take HTTP Basic only
    row("GET /api/v2/healthz", pub(), 200);
    row("GET /api/v2/openapi.yaml", pub(), 200);
    row("GET /api/v2/docs", pub(), 200);
    row("GET /api/v2/token", new Rule(Kind.BASIC, null, false, false), 401);
    row("GET /api/v2/user/token", new Rule(Kind.BASIC, null, false, false), 401);
    row("GET /api/v2/logout", new Rule(Kind.ADMIN, null, true, true), 200);
    row("GET /api/v2/user/logout", new Rule(Kind.USER, null, true, true), 200);
    row("GET /api/v2/version", anyAdmin(), 200);

    // admins: super admins only; API keys manage no keys and change no admin's own account
    row("GET /api/v2/admins", admin(AdminPermission.ALL), 200);
    row("POST /api/v2/admins", admin(AdminPermission.ALL), "/api/v2/admins", "{}", 400);
    row("GET /api/v2/admins/{username}", admin(AdminPermission.ALL), "/api/v2/admins/nobody", null, 404);
    row("PUT /api/v2/admins/{username}", admin(AdminPermission.ALL), "/api/v2/admins/nobody",
        "{\"username\":\"nobody\",\"status\":1,\"permissions\":[\"*\"]}", 404);
    row("DELETE /api/v2/admins/{username}", admin(AdminPermission.ALL), "/api/v2/admins/nobody", null, 404);
    row("GET /api/v2/admin/profile", adminToken(null), 200);
    row("PUT /api/v2/admin/profile", adminToken(null), "/api/v2/admin/profile", "{\"allow_api_key_auth\":\"yes\"}", 400);
    row("PUT /api/v2/admin/changepwd", adminToken(null), "/api/v2/admin/changepwd", "{}", 400);
    row("GET /api/v2/apikeys", adminToken(AdminPermission.ALL), 200);
    row("POST /api/v2/apikeys", adminToken(AdminPermission.ALL), "/api/v2/apikeys", "{}", 400);
    row("GET /api/v2/apikeys/{id}", adminToken(AdminPermission.ALL), "/api/v2/apikeys/nope", null, 404);
    row("PUT /api/v2/apikeys/{id}", adminToken(AdminPermission.ALL), "/api/v2/apikeys/nope",
        "{\"name\":\"x\",\"scope\":2}", 404);
    row("DELETE /api/v2/apikeys/{id}", adminToken(AdminPermission.ALL), "/api/v2/apikeys/nope", null, 404);

    row("GET /api/v2/users", admin(AdminPermission.VIEW_USERS), 200);
    row("POST /api/v2/users", admin(AdminPermission.ADD_USERS), "/api/v2/users", "{}", 400);
    row("GET /api/v2/users/{username}", admin(AdminPermission.VIEW_USERS), "/api/v2/users/nobody", null, 404);
    row("PUT /api/v2/users/{username}", admin(AdminPermission.EDIT_USERS), "/api/v2/users/nobody",
        "{\"username\":\"nobody\",\"status\":1,\"permissions\":{\"/\":[\"*\"]}}", 404);
    row("DELETE /api/v2/users/{username}", admin(AdminPermission.DEL_USERS), "/api/v2/users/nobody", null, 404);
    row("GET /api/v2/groups", admin(AdminPermission.MANAGE_GROUPS), 200);
    row("POST /api/v2/groups", admin(AdminPermission.MANAGE_GROUPS), "/api/v2/groups", "{}", 400);
    row("GET /api/v2/groups/{name}", admin(AdminPermission.MANAGE_GROUPS), "/api/v2/groups/nogroup", null, 404);
    row("PUT /api/v2/groups/{name}", admin(AdminPermission.MANAGE_GROUPS), "/api/v2/groups/nogroup",
        "{\"name\":\"nogroup\"}", 404);
    row("DELETE /api/v2/groups/{name}", admin(AdminPermission.MANAGE_GROUPS), "/api/v2/groups/nogroup", null, 404);
    row("GET /api/v2/folders", admin(AdminPermission.MANAGE_FOLDERS), 200);
    row("POST /api/v2/folders", admin(AdminPermission.MANAGE_FOLDERS), "/api/v2/folders", "{}", 400);
    row("GET /api/v2/folders/{name}", admin(AdminPermission.MANAGE_FOLDERS), "/api/v2/folders/nofolder", null, 404);
    row("PUT /api/v2/folders/{name}", admin(AdminPermission.MANAGE_FOLDERS), "/api/v2/folders/nofolder",
        "{\"name\":\"nofolder\",\"mapped_path\":\"/tmp/nofolder\"}", 404);
    row("DELETE /api/v2/folders/{name}", admin(AdminPermission.MANAGE_FOLDERS), "/api/v2/folders/nofolder", null, 404);
    row("GET /api/v2/quotas/users/scans", admin(AdminPermission.QUOTA_SCANS), 200);
    row("POST /api/v2/quotas/users/{username}/scan", admin(AdminPermission.QUOTA_SCANS),
        "/api/v2/quotas/users/nobody/scan", null, 404);
    row("PUT /api/v2/quotas/users/{username}/usage", admin(AdminPermission.QUOTA_SCANS),
        "/api/v2/quotas/users/nobody/usage", "{\"used_quota_size\":0,\"used_quota_files\":0}", 404);
    row("GET /api/v2/quotas/folders/scans", admin(AdminPermission.QUOTA_SCANS), 200);
    row("POST /api/v2/quotas/folders/{name}/scan", admin(AdminPermission.QUOTA_SCANS),
        "/api/v2/quotas/folders/nofolder/scan", null, 404);
    row("PUT /api/v2/quotas/folders/{name}/usage", admin(AdminPermission.QUOTA_SCANS),
        "/api/v2/quotas/folders/nofolder/usage", "{\"used_quota_size\":0,\"used_quota_files\":0}", 404);
    // 10.9.9.9, hex-encoded as the reference has host ids: never seen, so unknown
    row("GET /api/v2/defender/hosts", admin(AdminPermission.VIEW_DEFENDER), 200);
    row("GET /api/v2/defender/hosts/{id}", admin(AdminPermission.VIEW_DEFENDER),
        "/api/v2/defender/hosts/31302e392e392e39", null, 404);
    row("DELETE /api/v2/defender/hosts/{id}", admin(AdminPermission.MANAGE_DEFENDER),
        "/api/v2/defender/hosts/31302e392e392e39", null, 404);
    row("GET /api/v2/connections", admin(AdminPermission.VIEW_CONNS), 200);
    row("DELETE /api/v2/connections/{connectionID}", admin(AdminPermission.CLOSE_CONNS),
        "/api/v2/connections/no-such-connection", null, 404);
    row("GET /api/v2/status", admin(AdminPermission.VIEW_STATUS), 200);

    // users: on the caller's own home; paths that do not exist there
    row("GET /api/v2/user/dirs", user(), "/api/v2/user/dirs?path=/", null, 200);
    row("POST /api/v2/user/dirs", user(), "/api/v2/user/dirs?path=" + NOBODY + "/sub", null, 404);
    row("PATCH /api/v2/user/dirs", user(), "/api/v2/user/dirs?path=" + NOBODY + "&target=/x", null, 404);
    row("DELETE /api/v2/user/dirs", user(), "/api/v2/user/dirs?path=" + NOBODY, null, 404);
    row("GET /api/v2/user/files", user(), "/api/v2/user/files?path=" + NOBODY, null, 404);
    row("POST /api/v2/user/files", user(), "/api/v2/user/files?path=/", "{}", 400); // not multipart
    row("PATCH /api/v2/user/files", user(), "/api/v2/user/files?path=" + NOBODY + "&target=/x", null, 404);
    row("DELETE /api/v2/user/files", user(), "/api/v2/user/files?path=" + NOBODY, null, 404);
    row("POST /api/v2/user/files/upload", user(), "/api/v2/user/files/upload?path=" + NOBODY + "/f", "x", 404);
    row("PATCH /api/v2/user/files/metadata", user(), "/api/v2/user/files/metadata?path=" + NOBODY,
        "{\"modification_time\":1}", 404);
    row("POST /api/v2/user/file-actions/copy", user(), "/api/v2/user/file-actions/copy?path=" + NOBODY + "&target=/x",
        null, 404);
    row("POST /api/v2/user/file-actions/move", user(), "/api/v2/user/file-actions/move?path=" + NOBODY + "&target=/x",
        null, 404);
    row("POST /api/v2/user/streamzip", user(), "/api/v2/user/streamzip", "[\"" + NOBODY + "\"]", 404);
    row("GET /api/v2/user/profile", userToken(), 200);
    row("PUT /api/v2/user/profile", userToken(), "/api/v2/user/profile", "{\"allow_api_key_auth\":\"yes\"}", 400);
    row("PUT /api/v2/user/changepwd", userToken(), "/api/v2/user/changepwd", "{}", 400);
    row("GET /api/v2/user/shares", user(), 200);
    row("POST /api/v2/user/shares", user(), "/api/v2/user/shares", "{}", 400);
    row("GET /api/v2/user/shares/{id}", user(), "/api/v2/user/shares/nope", null, 404);
    row("PUT /api/v2/user/shares/{id}", user(), "/api/v2/user/shares/nope",
        "{\"name\":\"x\",\"scope\":1,\"paths\":[\"/\"]}", 404);
    row("DELETE /api/v2/user/shares/{id}", user(), "/api/v2/user/shares/nope", null, 404);

    // public shares check their own credentials: an unknown share is 404 for everyone
    row("GET /api/v2/shares/{id}", pub(), "/api/v2/shares/nope", null, 404);
    row("POST /api/v2/shares/{id}", pub(), "/api/v2/shares/nope", null, 404);
    row("GET /api/v2/shares/{id}/dirs", pub(), "/api/v2/shares/nope/dirs", null, 404);
    row("GET /api/v2/shares/{id}/files", pub(), "/api/v2/shares/nope/files?path=f", null, 404);
    row("POST /api/v2/shares/{id}/{fileName}", pub(), "/api/v2/shares/nope/f", "x", 404);
  }

  /** The Swagger UI's assets, whatever files the vendored package has: public like the page. */
  private static void docsAssets(Set<String> served) {
    for (String r : served)
      if (r.startsWith("GET /api/v2/docs/")) TABLE.putIfAbsent(r, new Row(pub(), new Probe("GET", r.substring(4), null, 200)));
  }

  // ---- set-up ----------------------------------------------------------------------------------

  @BeforeAll
  static void start() throws Exception {
    // many refused credentials from loopback, on purpose
    server = TestServers.start(TestServers.config(dir.resolve("data"), true, List.of(),
        DefenderConfig.defaults().withThreshold(1_000_000)));
    c = new V2Client(server);
    docsAssets(served());
    root = V2Client.bearer(c.adminToken());
    allowKeys(root);

    CALLERS.add(token("super admin", Face.ADMIN, Set.of(AdminPermission.ALL), () -> c.adminToken()));
    for (AdminPermission p : ROUTE_PERMISSIONS) {
      String name = "only-" + p.wire().replace('_', '-');
      addAdmin(name, List.of(p.wire()));
      CALLERS.add(token("admin with only " + p.wire(), Face.ADMIN, Set.of(p), () -> c.adminToken(name, PW)));
    }
    // an admin needs one permission at least: view_events is one no served route asks for
    addAdmin("powerless", List.of(AdminPermission.VIEW_EVENTS.wire()));
    CALLERS.add(token("admin with no route's permission", Face.ADMIN, Set.of(AdminPermission.VIEW_EVENTS),
        () -> c.adminToken("powerless", PW)));

    addUser("alice", true);
    addUser("bob", true);
    addUser("carl", false);
    CALLERS.add(token("user A", Face.USER, Set.of(), () -> c.userToken("alice", PW)));
    CALLERS.add(token("user B", Face.USER, Set.of(), () -> c.userToken("bob", PW)));

    CALLERS.add(key("user key bound to A", Face.USER, Set.of(), true, key(2, "user", "alice")));
    CALLERS.add(key("admin key bound to super admin", Face.ADMIN, Set.of(AdminPermission.ALL), true,
        key(1, "admin", "admin")));
    CALLERS.add(key("generic user key .alice", Face.USER, Set.of(), true, key(2, null, null) + ".alice"));
    CALLERS.add(key("generic admin key .admin", Face.ADMIN, Set.of(AdminPermission.ALL), true,
        key(1, null, null) + ".admin"));
    CALLERS.add(key("revoked admin key", Face.ADMIN, Set.of(AdminPermission.ALL), false, revoked()));
    CALLERS.add(key("user key of a user without allow_api_key_auth", Face.USER, Set.of(), false,
        key(2, "user", "carl")));
    CALLERS.add(key("admin key of an admin without allow_api_key_auth", Face.ADMIN, Set.of(), false,
        key(1, "admin", "powerless")));
    CALLERS.add(key("expired user key of A", Face.USER, Set.of(), false, expired()));
    CALLERS.add(new Who("admin token after logout", Face.ADMIN, Set.of(AdminPermission.ALL), false, false,
        loggedOut(V2Client.bearer(c.adminToken()), "/api/v2/logout"), null));
    CALLERS.add(new Who("user token of A after logout", Face.USER, Set.of(), false, false,
        loggedOut(V2Client.bearer(c.userToken("alice", PW)), "/api/v2/user/logout"), null));
    CALLERS.add(new Who("no credentials", Face.NONE, Set.of(), false, false, Auth.NONE, null));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  private static Who token(String name, Face face, Set<AdminPermission> perms, Supplier<String> login) {
    Supplier<Auth> fresh = () -> V2Client.bearer(login.get());
    return new Who(name, face, perms, false, true, fresh.get(), fresh);
  }

  private static Who key(String name, Face face, Set<AdminPermission> perms, boolean valid, String key) {
    return new Who(name, face, perms, true, valid, V2Client.apiKey(key), null);
  }

  private static void allowKeys(Auth token) {
    Response p = c.put("/api/v2/admin/profile", token, Map.of("allow_api_key_auth", true));
    assertThat(p.status()).as(p.body()).isEqualTo(200);
  }

  private static void addAdmin(String name, List<String> permissions) {
    Response r = c.post("/api/v2/admins", root, Map.of("username", name, "password", PW, "status", 1,
        "permissions", permissions));
    assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(201);
  }

  private static void addUser(String name, boolean keys) throws Exception {
    Path home = Files.createDirectories(dir.resolve("homes").resolve(name));
    Response r = c.post("/api/v2/users", root, Map.of("username", name, "password", PW, "status", 1,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*")),
        "filters", Map.of("allow_api_key_auth", keys)));
    assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(201);
  }

  /** A new key of {@code scope} (1 admin, 2 user), bound to {@code field}={@code account} unless null. */
  private static String key(int scope, String field, String account) {
    Map<String, Object> body = new HashMap<>(Map.of("name", "k-" + System.nanoTime(), "scope", scope));
    if (field != null) body.put(field, account);
    Response r = c.post("/api/v2/apikeys", root, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("key").asText();
  }

  private static String revoked() {
    String k = key(1, "admin", "admin");
    assertThat(c.get("/api/v2/version", V2Client.apiKey(k)).status()).isEqualTo(200);
    assertThat(c.delete("/api/v2/apikeys/" + k.substring(0, k.indexOf('.')), root).status()).isEqualTo(200);
    return k;
  }

  /** A key of A that expires a second from now, returned once it has (polled, not slept on). */
  private static String expired() throws InterruptedException {
    long at = Instant.now().plusMillis(1000).toEpochMilli();
    Response r = c.post("/api/v2/apikeys", root, Map.of("name", "expiring", "scope", 2, "user", "alice",
        "expires_at", at));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String k = r.json().path("key").asText();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (c.get("/api/v2/user/profile", V2Client.apiKey(k)).status() != 401) {
      assertThat(System.nanoTime()).as("the key still works after its expiry").isLessThan(deadline);
      Thread.sleep(50);
    }
    return k;
  }

  private static Auth loggedOut(Auth token, String logout) {
    Response r = c.get(logout, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return token;
  }

  // ---- the matrix ------------------------------------------------------------------------------

  @Test
  void everyServedRouteIsInTheTable() {
    Set<String> served = served();
    assertThat(served).as("routes of the table that the server does not serve").containsAll(TABLE.keySet());
    Set<String> missing = new TreeSet<>(served);
    missing.removeAll(TABLE.keySet());
    assertThat(missing).as("served /api/v2 routes without a row in " + getClass().getSimpleName()
        + ": add one with the rule the reference gives").isEmpty();
  }

  @Test
  void onlyTheAllowedCallersPassEachRoute() {
    List<String> wrong = new ArrayList<>();
    int allowed = 0, refused = 0;
    for (String route : served()) {
      Row row = TABLE.get(route);
      if (row == null) continue; // reported by everyServedRouteIsInTheTable
      for (Who w : CALLERS) {
        int expected = expected(row.rule(), w, row.probe().ok());
        // a logout that succeeds ends the token: it gets one of its own (a login costs a password check)
        boolean ends = row.rule().endsToken() && expected == row.probe().ok() && w.fresh() != null;
        Auth auth = ends ? w.fresh().get() : w.auth();
        Response r = send(row.probe(), auth);
        if (expected == 401 || expected == 403) refused++;
        else allowed++;
        if (r.status() != expected) {
          wrong.add(String.format("%-48s %-52s expected %d, got %d %s", route, w.name(), expected, r.status(),
              abbreviate(r.body())));
        } else if (expected >= 400 && !isErrorJson(r.body()) && row.rule().kind() != Kind.PUBLIC) {
          wrong.add(route + " " + w.name() + ": " + expected + " without an {error, message} body: " + abbreviate(r.body()));
        }
      }
    }
    assertThat(wrong).as("route × caller pairs that did not answer as the reference says").isEmpty();
    assertThat(allowed + refused).isEqualTo(served().size() * CALLERS.size());
    assertThat(allowed).isGreaterThan(200);
    assertThat(refused).isGreaterThan(1000);
  }

  // ---- one user never reaches another's files, shares or connections ---------------------------

  @Test
  void userBNeverReachesUserAsFilesOrShares() {
    Auth a = who("user A").auth();
    Auth b = who("user B").auth();
    upload(a, "/x/same.txt", "from A");
    upload(a, "/x/secret.txt", "A's secret");
    upload(b, "/x/same.txt", "from B, longer");
    // the same path is each user's own file
    assertThat(download(a, "/x/same.txt")).isEqualTo("from A");
    assertThat(download(b, "/x/same.txt")).isEqualTo("from B, longer");
    Response listB = c.get("/api/v2/user/dirs?path=/x", b);
    assertThat(listB.status()).isEqualTo(200);
    assertThat(listB.json().findValuesAsText("name")).containsExactly("same.txt");
    assertThat(listB.json().get(0).path("size").asLong()).isEqualTo("from B, longer".length());
    // A's other file does not exist for B, whatever B tries, nor by climbing out of B's home
    for (String path : List.of("/x/secret.txt", "/../alice/x/secret.txt", "../alice/x/secret.txt",
        "/x/../../alice/x/secret.txt")) {
      String q = java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
      assertThat(c.get("/api/v2/user/files?path=" + q, b).status()).as("GET " + path).isIn(400, 404);
      assertThat(c.delete("/api/v2/user/files?path=" + q, b).status()).as("DELETE " + path).isIn(400, 404);
      assertThat(c.patch("/api/v2/user/files?path=" + q + "&target=/stolen.txt", b, "").status())
          .as("PATCH " + path).isIn(400, 404);
      assertThat(c.post("/api/v2/user/file-actions/copy?path=" + q + "&target=/stolen.txt", b, "").status())
          .as("copy " + path).isIn(400, 404);
    }
    assertThat(c.get("/api/v2/user/dirs?path=" + java.net.URLEncoder.encode("/../alice",
        java.nio.charset.StandardCharsets.UTF_8), b).body()).doesNotContain("secret.txt");
    assertThat(download(a, "/x/secret.txt")).isEqualTo("A's secret");

    Response created = c.post("/api/v2/user/shares", a, Map.of("name", "mine", "scope", 1, "paths", List.of("/x")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.header("X-Object-ID").orElseThrow();
    assertThat(c.get("/api/v2/user/shares/" + id, b).status()).isEqualTo(404);
    assertThat(c.put("/api/v2/user/shares/" + id, b, Map.of("name", "hijacked", "scope", 3, "paths", List.of("/")))
        .status()).isEqualTo(404);
    assertThat(c.delete("/api/v2/user/shares/" + id, b).status()).isEqualTo(404);
    assertThat(c.get("/api/v2/user/shares", b).body()).doesNotContain(id);
    Response still = c.get("/api/v2/user/shares/" + id, a);
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.json().path("name").asText()).isEqualTo("mine");
    // connections are an admin's view only (view_conns): a user's token or key is 401 there
    assertThat(c.get("/api/v2/connections", b).status()).isEqualTo(401);
    assertThat(c.get("/api/v2/connections", who("user key bound to A").auth()).status()).isEqualTo(401);
  }

  private static Who who(String name) {
    return CALLERS.stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  private static void upload(Auth auth, String path, String text) {
    Response r = c.send("POST", "/api/v2/user/files/upload?mkdir_parents=true&path=" + path, auth,
        HttpRequest.BodyPublishers.ofString(text), "application/octet-stream");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static String download(Auth auth, String path) {
    Response r = c.get("/api/v2/user/files?path=" + path, auth);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** The status {@code w} must get on a route with {@code rule} whose probe answers {@code ok} once allowed. */
  static int expected(Rule rule, Who w, int ok) {
    return switch (rule.kind()) {
      case PUBLIC -> ok;
      case BASIC -> 401; // no caller of the matrix sends HTTP Basic
      case ADMIN -> {
        if (!w.valid() || w.face() != Face.ADMIN) yield 401;
        if (rule.permission() != null && !w.has(rule.permission())) yield 403;
        if (rule.tokenOnly() && w.viaKey()) yield 403;
        yield ok;
      }
      case USER -> {
        if (!w.valid() || w.face() != Face.USER) yield 401;
        if (rule.tokenOnly() && w.viaKey()) yield 403;
        yield ok;
      }
    };
  }

  private static Set<String> served() {
    Set<String> out = new TreeSet<>();
    for (String r : server.routes()) {
      String method = r.substring(0, r.indexOf(' '));
      String path = r.substring(r.indexOf(' ') + 1);
      // request methods only: not HEAD/OPTIONS, nor the before/after handlers the list also holds
      if (!path.startsWith("/api/v2") || !Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) continue;
      out.add(r);
    }
    return out;
  }

  static Response send(Probe p, Auth auth) {
    if (p.body() == null) return c.send(p.method(), p.path(), auth, HttpRequest.BodyPublishers.noBody(), null);
    return c.send(p.method(), p.path(), auth, HttpRequest.BodyPublishers.ofString(p.body()), "application/json");
  }

  static boolean isErrorJson(String body) {
    try {
      var n = V2Client.JSON.readTree(body);
      return n != null && n.hasNonNull("error") && n.hasNonNull("message");
    } catch (Exception e) {
      return false;
    }
  }

  static String abbreviate(String s) {
    s = s == null ? "" : s.replace('\n', ' ');
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
