package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's bad input on /api/v2: malformed JSON, wrong types, unknown provider numbers, paths that
 * climb out with {@code ..}, NUL bytes, 10,000-character names and a 1 GiB body. Each is a 4xx with
 * the reference's {@code {"error","message"}} body, never a 500, and the server keeps serving.
 * (MalformedRequestsTest walks every route with generated input; this test names the cases.)
 */
class BadInputTest {
  private static final String PW = "bad-input-Passw0rd";
  private static final String LONG = "n".repeat(10_000);
  private static final long GIB = 1L << 30;

  @TempDir static Path dir;
  private static FerryServer server;
  private static V2Client c;
  private static Auth admin;
  private static Auth user;

  /** Ids made in start(): an API key and a share that exist, so that their PUT reads the body. */
  private static final Map<String, String> IDS = new java.util.HashMap<>();

  /** Every /api/v2 route that reads a JSON body, with the credential it needs and a path to call. */
  record JsonRoute(String route, String target, boolean userRoute) {
    String path() {
      String p = target;
      for (var e : IDS.entrySet()) p = p.replace(e.getKey(), e.getValue());
      return p;
    }

    String method() {
      return route.substring(0, route.indexOf(' '));
    }

    Auth auth() {
      return userRoute ? user : admin;
    }
  }

  private static final List<JsonRoute> JSON_ROUTES = List.of(
      new JsonRoute("POST /api/v2/admins", "/api/v2/admins", false),
      new JsonRoute("PUT /api/v2/admins/{username}", "/api/v2/admins/other", false),
      new JsonRoute("PUT /api/v2/admin/profile", "/api/v2/admin/profile", false),
      new JsonRoute("PUT /api/v2/admin/changepwd", "/api/v2/admin/changepwd", false),
      new JsonRoute("POST /api/v2/apikeys", "/api/v2/apikeys", false),
      new JsonRoute("PUT /api/v2/apikeys/{id}", "/api/v2/apikeys/{KEY}", false),
      new JsonRoute("POST /api/v2/users", "/api/v2/users", false),
      new JsonRoute("PUT /api/v2/users/{username}", "/api/v2/users/alice", false),
      new JsonRoute("POST /api/v2/groups", "/api/v2/groups", false),
      new JsonRoute("PUT /api/v2/groups/{name}", "/api/v2/groups/g1", false),
      new JsonRoute("POST /api/v2/folders", "/api/v2/folders", false),
      new JsonRoute("PUT /api/v2/folders/{name}", "/api/v2/folders/f1", false),
      new JsonRoute("PUT /api/v2/quotas/users/{username}/usage", "/api/v2/quotas/users/alice/usage", false),
      new JsonRoute("PUT /api/v2/quotas/folders/{name}/usage", "/api/v2/quotas/folders/f1/usage", false),
      new JsonRoute("PATCH /api/v2/user/files/metadata", "/api/v2/user/files/metadata?path=/f.txt", true),
      new JsonRoute("POST /api/v2/user/streamzip", "/api/v2/user/streamzip", true),
      new JsonRoute("PUT /api/v2/user/profile", "/api/v2/user/profile", true),
      new JsonRoute("PUT /api/v2/user/changepwd", "/api/v2/user/changepwd", true),
      new JsonRoute("POST /api/v2/user/shares", "/api/v2/user/shares", true),
      new JsonRoute("PUT /api/v2/user/shares/{id}", "/api/v2/user/shares/{SHARE}", true));

  /** Body-taking routes whose body is not JSON: files (raw or multipart), or none at all. */
  private static final Set<String> NOT_JSON = Set.of("POST /api/v2/user/dirs", "PATCH /api/v2/user/dirs",
      "POST /api/v2/user/files", "PATCH /api/v2/user/files", "POST /api/v2/user/files/upload",
      "POST /api/v2/user/file-actions/copy", "POST /api/v2/user/file-actions/move",
      "POST /api/v2/shares/{id}", "POST /api/v2/shares/{id}/{fileName}",
      "POST /api/v2/quotas/users/{username}/scan", "POST /api/v2/quotas/folders/{name}/scan");

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.start(TestServers.config(dir.resolve("data"), true, List.of(),
        DefenderConfig.defaults().withThreshold(1_000_000)));
    c = new V2Client(server);
    admin = V2Client.bearer(c.adminToken());
    Path home = Files.createDirectories(dir.resolve("homes/alice"));
    ok(c.post("/api/v2/users", admin, Map.of("username", "alice", "password", PW, "status", 1,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*")))), 201);
    ok(c.post("/api/v2/groups", admin, Map.of("name", "g1")), 201);
    ok(c.post("/api/v2/folders", admin, Map.of("name", "f1",
        "mapped_path", Files.createDirectories(dir.resolve("f1")).toString())), 201);
    ok(c.post("/api/v2/admins", admin, Map.of("username", "other", "password", PW, "status", 1,
        "permissions", List.of("*"))), 201);
    user = V2Client.bearer(c.userToken("alice", PW));
    ok(c.send("POST", "/api/v2/user/files/upload?path=/f.txt", user, HttpRequest.BodyPublishers.ofString("x"),
        "application/octet-stream"), 201);
    Response key = c.post("/api/v2/apikeys", admin, Map.of("name", "k", "scope", 2));
    ok(key, 201);
    IDS.put("{KEY}", key.header("X-Object-ID").orElseThrow());
    Response share = c.post("/api/v2/user/shares", user, Map.of("name", "s", "scope", 1, "paths", List.of("/")));
    ok(share, 201);
    IDS.put("{SHARE}", share.header("X-Object-ID").orElseThrow());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  private static void ok(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
  }

  /** A 4xx (one of {@code allowed} if given) with the reference's error body. */
  private static void refused(List<String> wrong, String what, Response r, Integer... allowed) {
    boolean statusOk = allowed.length == 0 ? r.status() >= 400 && r.status() < 500
        : Arrays.asList(allowed).contains(r.status());
    if (!statusOk || !AuthorizationMatrixTest.isErrorJson(r.body()))
      wrong.add(what + " -> " + r.status() + " " + AuthorizationMatrixTest.abbreviate(r.body()));
  }

  @Test
  void everyBodyTakingRouteIsListedHere() {
    Set<String> served = new TreeSet<>();
    for (String r : server.routes())
      if (r.matches("(POST|PUT|PATCH) /api/v2/.*")) served.add(r);
    Set<String> listed = new TreeSet<>(NOT_JSON);
    JSON_ROUTES.forEach(j -> listed.add(j.route()));
    assertThat(listed).as("listed routes the server does not serve").isSubsetOf(served);
    served.removeAll(listed);
    assertThat(served).as("body-taking /api/v2 routes this test does not know: add them to JSON_ROUTES or NOT_JSON")
        .isEmpty();
  }

  @Test
  void malformedJsonAndWrongTypesAre400() {
    List<String> bodies = List.of("{\"name\": ", "not json", "{\"a\":1}}", "", "[]", "\"text\"", "42", "null",
        "{\"username\": 5, \"name\": [], \"password\": {}, \"status\": \"on\", \"permissions\": \"*\", \"scope\": \"1\","
            + " \"paths\": \"/\", \"allow_api_key_auth\": \"yes\", \"modification_time\": \"now\","
            + " \"used_quota_size\": \"big\", \"filesystem\": 3, \"email\": 7, \"current_password\": 1}",
        "\"\\ud800\"", "{\"name\": \"\u0000\"}");
    List<String> wrong = new ArrayList<>();
    for (JsonRoute j : JSON_ROUTES)
      for (String body : bodies)
        refused(wrong, j.method() + " " + j.path() + " " + body, c.sendJson(j.method(), j.path(), j.auth(), body), 400);
    assertThat(wrong).isEmpty();
  }

  @Test
  void unknownProviderNumbersAre400() {
    Map<String, Object> fs = Map.of("provider", 99);
    List<String> wrong = new ArrayList<>();
    refused(wrong, "user", c.post("/api/v2/users", admin, Map.of("username", "p99", "password", PW, "status", 1,
        "home_dir", dir.resolve("homes/p99").toString(), "permissions", Map.of("/", List.of("*")), "filesystem", fs)), 400);
    refused(wrong, "user update", c.put("/api/v2/users/alice", admin, Map.of("username", "alice", "status", 1,
        "home_dir", dir.resolve("homes/alice").toString(), "permissions", Map.of("/", List.of("*")), "filesystem", fs)), 400);
    refused(wrong, "group", c.post("/api/v2/groups", admin, Map.of("name", "g99",
        "user_settings", Map.of("filesystem", fs))), 400);
    refused(wrong, "folder", c.post("/api/v2/folders", admin, Map.of("name", "f99",
        "mapped_path", dir.resolve("f99").toString(), "filesystem", fs)), 400);
    refused(wrong, "provider -1", c.post("/api/v2/users", admin, Map.of("username", "pm1", "password", PW,
        "status", 1, "home_dir", dir.resolve("homes/pm1").toString(), "permissions", Map.of("/", List.of("*")),
        "filesystem", Map.of("provider", -1))), 400);
    refused(wrong, "status 7", c.post("/api/v2/users", admin, Map.of("username", "s7", "password", PW, "status", 7,
        "home_dir", dir.resolve("homes/s7").toString(), "permissions", Map.of("/", List.of("*")))), 400);
    refused(wrong, "share scope 99", c.post("/api/v2/user/shares", user, Map.of("name", "s", "scope", 99,
        "paths", List.of("/"))), 400);
    refused(wrong, "key scope 99", c.post("/api/v2/apikeys", admin, Map.of("name", "k", "scope", 99)), 400);
    assertThat(wrong).isEmpty();
    assertThat(c.get("/api/v2/users/p99", admin).status()).isEqualTo(404);
  }

  @Test
  void pathsThatClimbOutOfTheHomeAreRefusedOrStayInside() throws IOException {
    Files.writeString(dir.resolve("homes/outside.txt"), "outside");
    List<String> wrong = new ArrayList<>();
    for (String p : List.of("/../outside.txt", "../outside.txt", "/a/../../outside.txt", "/..", "..%2foutside.txt")) {
      String q = p.contains("%") ? p : java.net.URLEncoder.encode(p, StandardCharsets.UTF_8);
      Response r = c.get("/api/v2/user/files?path=" + q, user);
      if (r.status() == 200 || r.body().contains("outside")) wrong.add("GET files " + p + " -> " + r.status() + " " + r.body());
      else refused(wrong, "GET files " + p, r);
      Response list = c.get("/api/v2/user/dirs?path=" + q, user);
      if (list.body().contains("outside.txt") || list.body().contains("\"name\":\"alice\"")) wrong.add("GET dirs " + p + " -> " + list.body());
      refused(wrong, "DELETE files " + p, c.delete("/api/v2/user/files?path=" + q, user));
      refused(wrong, "move onto " + p, c.post("/api/v2/user/file-actions/move?path=/f.txt&target=" + q, user, ""));
    }
    // a share of a path outside the home, and account paths that are not absolute
    refused(wrong, "share ..", c.post("/api/v2/user/shares", user, Map.of("name", "s", "scope", 1,
        "paths", List.of("/../"))), 400);
    refused(wrong, "relative home", c.post("/api/v2/users", admin, Map.of("username", "rel", "password", PW,
        "status", 1, "home_dir", "../rel", "permissions", Map.of("/", List.of("*")))), 400);
    refused(wrong, "relative mapped path", c.post("/api/v2/folders", admin, Map.of("name", "rel",
        "mapped_path", "../rel")), 400);
    assertThat(wrong).isEmpty();
    assertThat(Files.readString(dir.resolve("homes/outside.txt"))).isEqualTo("outside");
    assertThat(c.get("/api/v2/user/files?path=/f.txt", user).body()).isEqualTo("x");
  }

  @Test
  void nulBytesInPathAndQueryParametersAre4xx() {
    List<String> wrong = new ArrayList<>();
    refused(wrong, "user %00", c.get("/api/v2/users/al%00ice", admin));
    refused(wrong, "folder %00", c.get("/api/v2/folders/f%001", admin));
    refused(wrong, "delete admin %00", c.delete("/api/v2/admins/other%00", admin));
    refused(wrong, "share %00", c.get("/api/v2/user/shares/a%00b", user));
    refused(wrong, "public share %00", c.get("/api/v2/shares/a%00b", Auth.NONE));
    refused(wrong, "download ?path %00", c.get("/api/v2/user/files?path=/f.txt%00.jpg", user), 400);
    refused(wrong, "list ?path %00", c.get("/api/v2/user/dirs?path=/%00", user), 400);
    refused(wrong, "mkdir ?path %00", c.post("/api/v2/user/dirs?path=/d%00x", user, ""), 400);
    refused(wrong, "upload ?path %00", c.send("POST", "/api/v2/user/files/upload?path=/u%00.txt", user,
        HttpRequest.BodyPublishers.ofString("x"), "application/octet-stream"), 400);
    refused(wrong, "rename ?target %00", c.patch("/api/v2/user/files?path=/f.txt&target=/g%00", user, ""), 400);
    refused(wrong, "list ?order %00", c.get("/api/v2/users?order=A%00SC", admin), 400);
    refused(wrong, "list ?limit %00", c.get("/api/v2/users?limit=1%00", admin), 400);
    refused(wrong, "JSON \\u0000 name", c.post("/api/v2/users", admin, Map.of("username", "nul\u0000l",
        "password", PW, "status", 1, "home_dir", dir.resolve("homes/nul").toString(),
        "permissions", Map.of("/", List.of("*")))), 400);
    assertThat(wrong).isEmpty();
  }

  @Test
  void tenThousandCharacterNamesAre4xx() throws IOException {
    List<String> wrong = new ArrayList<>();
    refused(wrong, "user", c.post("/api/v2/users", admin, Map.of("username", LONG, "password", PW, "status", 1,
        "home_dir", dir.resolve("homes/long").toString(), "permissions", Map.of("/", List.of("*")))), 400);
    refused(wrong, "admin", c.post("/api/v2/admins", admin, Map.of("username", LONG, "password", PW, "status", 1,
        "permissions", List.of("*"))), 400);
    refused(wrong, "group", c.post("/api/v2/groups", admin, Map.of("name", LONG)), 400);
    refused(wrong, "folder", c.post("/api/v2/folders", admin, Map.of("name", LONG,
        "mapped_path", dir.resolve("long").toString())), 400);
    refused(wrong, "api key", c.post("/api/v2/apikeys", admin, Map.of("name", LONG, "scope", 2)), 400);
    refused(wrong, "share", c.post("/api/v2/user/shares", user, Map.of("name", LONG, "scope", 1,
        "paths", List.of("/"))), 400);
    // in the URI: past Jetty's 8 KiB request line, answered by Jetty itself (414, JSON) before the
    // route runs; sent raw and whole, as a client that writes on while the server answers may see a
    // reset instead of the answer
    uriRefused(wrong, "path param", "GET /api/v2/users/" + LONG + " HTTP/1.1", admin, "");
    uriRefused(wrong, "mkdir", "POST /api/v2/user/dirs?path=/" + LONG + " HTTP/1.1", user, "");
    uriRefused(wrong, "upload", "POST /api/v2/user/files/upload?path=/" + LONG + " HTTP/1.1", user, "x");
    uriRefused(wrong, "rename", "PATCH /api/v2/user/files?path=/f.txt&target=/" + LONG + " HTTP/1.1", user, "");
    assertThat(wrong).isEmpty();
    assertThat(c.get("/api/v2/user/files?path=/f.txt", user).body()).isEqualTo("x");
  }

  private static void uriRefused(List<String> wrong, String what, String requestLine, Auth auth, String body)
      throws IOException {
    String answer = raw(requestLine, auth, body);
    int status = answer.length() < 12 ? 0 : Integer.parseInt(answer.substring(9, 12));
    if (status < 400 || status > 499 || !answer.toLowerCase().contains("content-type: application/json"))
      wrong.add(what + " -> " + AuthorizationMatrixTest.abbreviate(answer));
  }

  /** Sends {@code requestLine} with {@code body} as is and returns the whole answer. */
  private static String raw(String requestLine, Auth auth, String body) throws IOException {
    URI u = URI.create(c.url());
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.setSoTimeout(10_000);
      String req = requestLine + "\r\nHost: " + u.getHost() + "\r\n" + auth.header() + ": " + auth.value()
          + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
      s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  // ---- a 1 GiB body ----------------------------------------------------------------------------

  @Test
  void aOneGibJsonBodyIsRefusedEarlyAndTheServerKeepsServing() throws Exception {
    for (JsonRoute j : List.of(JSON_ROUTES.get(6), JSON_ROUTES.get(16))) { // POST users, PUT user/profile
      for (boolean chunked : List.of(true, false)) {
        String token = j.auth().value();
        Huge h = huge(j.method(), j.path(), token, chunked);
        assertThat(h.status()).as(j.route() + (chunked ? " chunked" : " with a length") + ": " + h.head())
            .isIn(400, 413);
        assertThat(h.head()).containsIgnoringCase("content-type: application/json");
        // refused early: nowhere near the whole GiB was read
        assertThat(h.sent()).as("bytes the server took before answering").isLessThan(GIB / 8);
        Response next = c.get("/api/v2/users/alice", admin);
        assertThat(next.status()).as(next.body()).isEqualTo(200);
      }
    }
  }

  record Huge(int status, String head, long sent) {}

  /** Streams a 1 GiB JSON object (generated, never in memory) until the server answers or closes. */
  private static Huge huge(String method, String path, String authorization, boolean chunked) throws Exception {
    URI u = URI.create(c.url());
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      String head = method + " " + path + " HTTP/1.1\r\nHost: " + u.getHost() + "\r\nAuthorization: " + authorization
          + "\r\nContent-Type: application/json\r\n"
          + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + GIB + "\r\n") + "\r\n";
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      AtomicLong sent = new AtomicLong();
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> stream(out, chunked, sent));
      InputStream in = s.getInputStream();
      String answer = readHead(in);
      s.shutdownOutput();
      writer.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
      assertThat(answer).as("the server answered before closing").isNotEmpty();
      int status = Integer.parseInt(answer.substring(9, 12));
      return new Huge(status, answer, sent.get());
    }
  }

  private static void stream(OutputStream out, boolean chunked, AtomicLong sent) {
    byte[] start = "{\"username\":\"".getBytes(StandardCharsets.US_ASCII);
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'a');
    try {
      long left = GIB;
      boolean first = true;
      while (left > 0) {
        byte[] data = first ? start : block;
        int n = (int) Math.min(data.length, left);
        if (chunked) out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data, 0, n);
        if (chunked) out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        sent.addAndGet(n);
        left -= n;
        first = false;
      }
      if (chunked) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // the server stopped reading and closed: what a refusal looks like from here
    }
  }

  /** The status line and headers, and as much body as came with them. */
  private static String readHead(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    StringBuilder b = new StringBuilder();
    while (b.indexOf("\r\n\r\n") < 0) {
      int n = in.read(buf);
      if (n < 0) break;
      b.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
    }
    return b.toString();
  }

  @Test
  void theServerStillAnswersAfterAllOfIt() {
    Response me = c.get("/api/v2/user/profile", user);
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().isObject()).isTrue();
    assertThat(c.get("/api/v2/healthz", Auth.NONE).status()).isEqualTo(200);
  }
}
