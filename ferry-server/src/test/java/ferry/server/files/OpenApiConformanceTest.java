package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.ServerConfig;
import ferry.sftpd.SftpdConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Live answers of an in-process server against the OpenAPI document it serves at
 * /api/v2/openapi.yaml: for each request of {@link #calls()}, the status must be one the document
 * declares for that path and method, and a JSON body must fit the declared schema. Requests to
 * paths the document does not list must get the 404 error body {@code {"error","message"}}.
 *
 * <p>Add a row to {@link #calls()} for each route as it lands on main.
 */
class OpenApiConformanceTest {
  static final String ADMIN_PASSWORD = "admin-Passw0rd";

  @TempDir static Path dir;
  /** Users' homes: outside the data dir, as the server demands. */
  @TempDir static Path homes;
  static FerryServer server;
  static HttpClient http;
  static String servedYaml;
  static OpenApiDocument doc;

  @BeforeAll
  static void start() throws Exception {
    server = startPlain(dir);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> r = send(new Call("document", "GET", "/api/v2/openapi.yaml", Auth.NONE, null, 200));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    servedYaml = r.body();
    doc = new OpenApiDocument(servedYaml);
    adminToken = token("/api/v2/token", "admin", ADMIN_PASSWORD);
    // the user through /v1/adm (on main from the start), so that its token works before /api/v2/users lands
    Files.createDirectories(homes.resolve("home-" + USER));
    String user = "{\"username\":\"" + USER + "\",\"password\":\"" + USER_PASSWORD + "\",\"status\":1,"
        + "\"home_dir\":\"" + homes.resolve("home-" + USER) + "\",\"permissions\":{\"/\":[\"*\"]}}";
    HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/adm/users"))
        .header("X-API-Key", Files.readString(dir.resolve("cli.key")).strip()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(user)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    userToken = token("/api/v2/user/token", USER, USER_PASSWORD);
  }

  /** A token from {@code path} with HTTP Basic, or null when this build does not serve it. */
  private static String token(String path, String user, String password) throws Exception {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
    if (unserved(r)) return null;
    assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
    return TestJson.parse(r.body()).path("access_token").asString();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  /** An in-process server over plain HTTP on a free loopback port, SFTP off. */
  static FerryServer startPlain(Path dataDir) {
    ServerConfig cfg = new ServerConfig(dataDir, "127.0.0.1", 0, true, null, null, null, null, null, 4, 2,
        Duration.ofSeconds(5), List.of(), List.of(), null, 0, ADMIN_PASSWORD, null, DefenderConfig.defaults(),
        "127.0.0.1", ServerConfig.SFTP_OFF, List.of(), List.of(), List.of(), SftpdConfig.DEFAULT_MAX_AUTH_TRIES,
        List.of(), null, null);
    return FerryServer.start(cfg, new PrintStream(OutputStream.nullOutputStream()));
  }

  /** Who a request is sent as. */
  enum Auth { NONE, ADMIN, USER }

  static final String USER = "alice";
  static final String USER_PASSWORD = "Alice-Passw0rd-7";
  /** Tokens from GET /api/v2/token and /user/token; null while this build has no such route. */
  static String adminToken;
  static String userToken;

  /**
   * One request and the status this server must answer. {@code byDefault}: the reference lists
   * this status for the operation only through its {@code default} response (SFTPGo answers a
   * missing file or share with 404 there too), so the default response's schema is the contract.
   */
  record Call(String name, String method, String path, Auth auth, String body, int status, boolean byDefault,
      String contentType) {
    Call(String name, String method, String path, Auth auth, String body, int status) {
      this(name, method, path, auth, body, status, false, "application/json");
    }

    Call byDefaultResponse() {
      return new Call(name, method, path, auth, body, status, true, contentType);
    }

    /** The same request with a body of another type (an upload). */
    Call sentAs(String type) {
      return new Call(name, method, path, auth, body, status, byDefault, type);
    }

    @Override
    public String toString() {
      return name + ": " + method + " " + path + " -> " + status;
    }
  }

  /**
   * The document's paths by the part of issue 12 that serves them. A part not in {@link #LANDED}
   * is still on its own branch: while this build does not serve a path of it, its rows are skipped.
   */
  static final Map<String, List<String>> PARTS = Map.of(
      "auth", List.of("/token", "/logout", "/user/token", "/user/logout", "/version"),
      "apikeys", List.of("/apikeys", "/apikeys/{id}"),
      "admin", List.of("/admins", "/admins/{username}", "/admin/profile", "/admin/changepwd", "/users",
          "/users/{username}", "/groups", "/groups/{name}"),
      "ops", List.of("/healthz", "/folders", "/folders/{name}", "/quotas/users/scans", "/quotas/users/{username}/scan",
          "/quotas/users/{username}/usage", "/quotas/folders/scans", "/quotas/folders/{name}/scan",
          "/quotas/folders/{name}/usage", "/defender/hosts", "/defender/hosts/{id}", "/connections",
          "/connections/{connectionID}", "/status", "/user/profile", "/user/changepwd"),
      "files", List.of("/user/dirs", "/user/files", "/user/files/upload", "/user/files/metadata",
          "/user/file-actions/copy", "/user/file-actions/move", "/user/streamzip"),
      "shares", List.of("/user/shares", "/user/shares/{id}", "/shares/{id}", "/shares/{id}/dirs", "/shares/{id}/files",
          "/shares/{id}/{fileName}"));

  /** The parts merged into this build: every path of theirs must be served. */
  static final Set<String> LANDED = Set.of("auth", "apikeys", "admin", "ops", "files", "shares");

  static boolean awaited(String template) {
    return PARTS.entrySet().stream().anyMatch(e -> !LANDED.contains(e.getKey()) && e.getValue().contains(template));
  }

  static Stream<Call> calls() {
    String bob = "{\"username\":\"bob\",\"password\":\"Bob-Passw0rd-7\",\"status\":1,\"home_dir\":\""
        + homes.resolve("home-bob") + "\",\"permissions\":{\"/\":[\"*\"]}}";
    return Stream.of(
        // paths the document lists (every protected one without credentials: protectedOperations)
        new Call("health check", "GET", "/healthz", Auth.NONE, null, 200),
        new Call("a share that does not exist", "GET", "/api/v2/shares/no-such-share", Auth.NONE, null, 404)
            .byDefaultResponse(),
        new Call("version", "GET", "/api/v2/version", Auth.ADMIN, null, 200),
        new Call("an admin token on a user route", "GET", "/api/v2/user/profile", Auth.ADMIN, null, 401),
        new Call("a user token on an admin route", "GET", "/api/v2/users", Auth.USER, null, 401),
        new Call("API keys", "GET", "/api/v2/apikeys", Auth.ADMIN, null, 200),
        new Call("an API key that does not exist", "GET", "/api/v2/apikeys/no-such-key", Auth.ADMIN, null, 404),
        // admins, users, groups
        new Call("users", "GET", "/api/v2/users", Auth.ADMIN, null, 200),
        new Call("one user", "GET", "/api/v2/users/" + USER, Auth.ADMIN, null, 200),
        new Call("a user that does not exist", "GET", "/api/v2/users/nobody", Auth.ADMIN, null, 404),
        new Call("add a user", "POST", "/api/v2/users", Auth.ADMIN, bob, 201),
        new Call("add a user again", "POST", "/api/v2/users", Auth.ADMIN, bob, 409).byDefaultResponse(),
        new Call("malformed JSON", "POST", "/api/v2/users", Auth.ADMIN, "{\"username\":", 400),
        new Call("a field of the wrong type", "POST", "/api/v2/users", Auth.ADMIN, "{\"username\":42}", 400),
        new Call("admins", "GET", "/api/v2/admins", Auth.ADMIN, null, 200),
        new Call("one admin", "GET", "/api/v2/admins/admin", Auth.ADMIN, null, 200),
        new Call("the admin's profile", "GET", "/api/v2/admin/profile", Auth.ADMIN, null, 200),
        new Call("groups", "GET", "/api/v2/groups", Auth.ADMIN, null, 200),
        new Call("a group that does not exist", "GET", "/api/v2/groups/nobody", Auth.ADMIN, null, 404),
        // folders, quotas, defender, connections, status
        new Call("folders", "GET", "/api/v2/folders", Auth.ADMIN, null, 200),
        new Call("a folder that does not exist", "GET", "/api/v2/folders/nothing", Auth.ADMIN, null, 404),
        new Call("user quota scans", "GET", "/api/v2/quotas/users/scans", Auth.ADMIN, null, 200),
        new Call("folder quota scans", "GET", "/api/v2/quotas/folders/scans", Auth.ADMIN, null, 200),
        new Call("defender hosts", "GET", "/api/v2/defender/hosts", Auth.ADMIN, null, 200),
        new Call("connections", "GET", "/api/v2/connections", Auth.ADMIN, null, 200),
        new Call("status", "GET", "/api/v2/status", Auth.ADMIN, null, 200),
        new Call("the user's profile", "GET", "/api/v2/user/profile", Auth.USER, null, 200),
        // the user's files
        new Call("upload a file", "POST", "/api/v2/user/files/upload?path=hello.txt", Auth.USER, "hello", 201)
            .sentAs("application/octet-stream"),
        new Call("download it", "GET", "/api/v2/user/files?path=hello.txt", Auth.USER, null, 200),
        new Call("a file that does not exist", "GET", "/api/v2/user/files?path=no-such-file", Auth.USER, null, 404)
            .byDefaultResponse(),
        new Call("list the home dir", "GET", "/api/v2/user/dirs", Auth.USER, null, 200),
        new Call("make a dir", "POST", "/api/v2/user/dirs?path=made", Auth.USER, null, 201),
        new Call("a dir that does not exist", "GET", "/api/v2/user/dirs?path=no-such-dir", Auth.USER, null, 404)
            .byDefaultResponse(),
        // shares
        new Call("the user's shares", "GET", "/api/v2/user/shares", Auth.USER, null, 200),
        new Call("add a share", "POST", "/api/v2/user/shares", Auth.USER,
            "{\"name\":\"s1\",\"scope\":1,\"paths\":[\"/hello.txt\"]}", 201),
        new Call("a share of the user that does not exist", "GET", "/api/v2/user/shares/no-such-share", Auth.USER,
            null, 404),
        // paths it does not list: 404 in the face's error shape, never 500
        new Call("unknown path", "GET", "/api/v2/no-such-route", Auth.NONE, null, 404),
        new Call("unknown path below a known one", "GET", "/api/v2/users/alice/no-such-route", Auth.NONE, null, 404),
        new Call("a reference path Ferry does not implement", "GET", "/api/v2/roles", Auth.NONE, null, 404),
        new Call("an unimplemented reference path with a body", "POST", "/api/v2/eventrules", Auth.NONE,
            "{\"name\":\"x\"}", 404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void liveAnswerMatchesTheDocument(Call call) {
    assumeFalse(call.auth() == Auth.ADMIN && adminToken == null, "no GET /api/v2/token in this build yet");
    assumeFalse(call.auth() == Auth.USER && userToken == null, "no GET /api/v2/user/token in this build yet");
    HttpResponse<String> r = send(call);
    String path = URI.create(call.path()).getPath();
    Optional<OpenApiDocument.Operation> op = doc.operation(call.method(), path);
    assumeFalse(op.isPresent() && awaited(op.get().template()) && unserved(r), "not served by this build yet: " + call);

    assertThat(r.statusCode()).as("%s: %s", call, r.body()).isEqualTo(call.status());
    OpenApiDocument.Response declared;
    if (op.isEmpty()) {
      assertThat(call.status()).as("%s is not in the document, so it must be a 404", call).isEqualTo(404);
      declared = new OpenApiDocument.Response(doc.root().at("/components/responses/NotFound"),
          "/components/responses/NotFound");
      JsonNode body = TestJson.parse(r.body());
      assertThat(body.path("error").isString()).as("error field of %s", r.body()).isTrue();
      assertThat(body.path("message").asString()).as("message field of %s", r.body()).isNotBlank();
    } else {
      Optional<OpenApiDocument.Response> listed = op.get().response(doc, Integer.toString(r.statusCode()));
      if (listed.isEmpty() && call.byDefault()) listed = op.get().response(doc, "default");
      declared = listed.orElseThrow(() -> new AssertionError(
          call + ": the document declares no " + r.statusCode() + " for " + call.method() + " " + op.get().template()));
    }
    checkBody(call, r, declared);
  }

  /**
   * Every operation the document protects, called without credentials: a 401 the document
   * declares, in its error shape. Path parameters are filled with names that exist nowhere.
   */
  static Stream<Call> protectedOperations() {
    OpenApiDocument d = new OpenApiDocument(resourceText("openapi.yaml"));
    List<Call> calls = new ArrayList<>();
    d.root().path("paths").properties().forEach(e -> {
      String template = e.getKey();
      if (template.equals("/healthz") || template.startsWith("/shares/")) return; // public
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        if (!e.getValue().has(method)) continue;
        String path = "/api/v2" + template.replaceAll("\\{[^}]+}", "no-such-name");
        String body = method.equals("get") || method.equals("delete") ? null : "{}";
        calls.add(new Call("no credentials", method.toUpperCase(), path, Auth.NONE, body, 401));
      }
    });
    return calls.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("protectedOperations")
  void aProtectedOperationWithoutCredentialsIsADeclared401(Call call) {
    liveAnswerMatchesTheDocument(call);
  }

  @Test
  void everyPathIsInOnePartAndEveryOperationOfALandedPartIsServed() {
    List<String> paths = new ArrayList<>(doc.root().path("paths").propertyNames());
    List<String> inParts = PARTS.values().stream().flatMap(List::stream).toList();
    assertThat(inParts).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(paths);
    List<String> unserved = new ArrayList<>();
    doc.root().path("paths").properties().forEach(e -> {
      if (awaited(e.getKey())) return;
      String base = e.getKey().equals("/healthz") ? "" : "/api/v2";
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        if (!e.getValue().has(method)) continue;
        String path = base + e.getKey().replaceAll("\\{[^}]+}", "no-such-name");
        HttpResponse<String> r = send(new Call("served?", method.toUpperCase(), path, Auth.NONE,
            method.equals("get") || method.equals("delete") ? null : "{}", 0));
        if (unserved(r) || r.statusCode() == 405) unserved.add(method.toUpperCase() + " " + e.getKey());
      }
    });
    assertThat(unserved).as("operations of landed parts this server does not serve").isEmpty();
  }

  static String resourceText(String name) {
    try (InputStream in = OpenApiConformanceTest.class.getResourceAsStream("/ferry/httpd/files/docs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void checkBody(Call call, HttpResponse<String> r, OpenApiDocument.Response declared) {
    for (String header : declared.node().path("headers").propertyNames())
      assertThat(r.headers().firstValue(header)).as("%s: header %s the document declares", call, header).isPresent();
    if (r.body().isEmpty()) return;
    String contentType = r.headers().firstValue("Content-Type").orElse("");
    assertThat(declared.node().has("content")).as("%s: a body where the document declares none", call).isTrue();
    String mediaType = declared.mediaType(contentType).orElseThrow(() -> new AssertionError(
        call + ": Content-Type " + contentType + " is not declared at " + declared.pointer()));
    if (contentType.startsWith("application/json")) {
      List<String> errors = doc.validate(declared, mediaType, r.body());
      assertThat(errors).as("%s: %s does not fit the document", call, r.body()).isEmpty();
    }
  }

  @Test
  void theServedDocumentIsTheGeneratedResourceAndNeedsNoCredentials() {
    assertThat(servedYaml).isEqualTo(resourceText("openapi.yaml"));
    assertThat(doc.root().path("openapi").asString()).startsWith("3.0");
    assertThat(doc.root().path("servers").get(0).path("url").asString()).isEqualTo("/api/v2");
  }

  @Test
  void theOracleRejectsBodiesThatBreakTheSchema() {
    OpenApiDocument.Operation users = doc.operation("get", "/api/v2/users").orElseThrow();
    assertThat(users.template()).isEqualTo("/users");
    OpenApiDocument.Response ok = users.response(doc, "200").orElseThrow();
    assertThat(doc.validate(ok, "application/json", "[{\"username\":\"alice\",\"status\":1}]")).isEmpty();
    assertThat(doc.validate(ok, "application/json", "[{\"username\":42}]")).isNotEmpty();
    assertThat(doc.validate(ok, "application/json", "{\"username\":\"alice\"}")).isNotEmpty();
    assertThat(doc.validate(ok, "application/json", "[{\"username\":\"a\",\"status\":7}]")).as("enum").isNotEmpty();

    OpenApiDocument.Response unauthorized = users.response(doc, "401").orElseThrow();
    assertThat(doc.validate(unauthorized, "application/json", "{\"error\":\"x\",\"message\":\"\"}")).isEmpty();
    assertThat(doc.validate(unauthorized, "application/json", "{\"error\":5}")).isNotEmpty();
    assertThat(users.response(doc, "418")).isEmpty();

    assertThat(doc.operation("get", "/api/v2/shares/abc/files").orElseThrow().template()).isEqualTo("/shares/{id}/files");
    assertThat(doc.operation("post", "/api/v2/shares/abc/f.txt").orElseThrow().template())
        .isEqualTo("/shares/{id}/{fileName}");
    assertThat(doc.operation("get", "/healthz").orElseThrow().template()).isEqualTo("/healthz");
    assertThat(doc.operation("get", "/api/v2/healthz")).as("served at / in the reference").isEmpty();
    assertThat(doc.operation("patch", "/api/v2/users")).isEmpty();
  }

  @Test
  void everyReferenceInTheDocumentResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc.root(), refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.root().at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
  }

  @Test
  void theDocumentListsEveryPathFerryImplementsAndNoOther() {
    List<String> paths = new ArrayList<>(doc.root().path("paths").propertyNames());
    assertThat(paths).hasSize(44).contains("/healthz", "/token", "/user/token", "/users/{username}",
        "/user/files/upload", "/shares/{id}/{fileName}").doesNotContain("/roles", "/eventrules", "/metadata/users/scans");
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isString()) out.add(e.getValue().asString());
        else collectRefs(e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode n : node) collectRefs(n, out);
    }
  }

  /** A 404 saying no route matched: the route is not in this build. */
  private static boolean unserved(HttpResponse<String> r) {
    return r.statusCode() == 404 && r.body().contains("this server does not serve");
  }

  static HttpResponse<String> send(Call call) {
    HttpRequest.BodyPublisher body =
        call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(call.body());
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + call.path()))
        .timeout(Duration.ofSeconds(30)).method(call.method(), body);
    if (call.body() != null) b.header("Content-Type", call.contentType());
    if (call.auth() == Auth.ADMIN) b.header("Authorization", "Bearer " + adminToken);
    if (call.auth() == Auth.USER) b.header("Authorization", "Bearer " + userToken);
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError(call + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(call + " interrupted", e);
    }
  }

  /** Jackson 3 trees, as the validator reads them. */
  static final class TestJson {
    private static final tools.jackson.databind.ObjectMapper MAPPER = new tools.jackson.databind.json.JsonMapper();

    static JsonNode parse(String json) {
      return MAPPER.readTree(json);
    }
  }
}
