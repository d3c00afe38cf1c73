package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user file API of /api/v2 against an in-process server: each route's statuses and bytes. */
class UserFilesApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PW = "user-Passw0rd-1";

  @TempDir static Path tmp;
  static FerryServer server;
  static Client api;
  static String adminKey;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    server = TestServers.start(TestServers.config(data, true, List.of(), DefenderConfig.defaults()));
    adminKey = TestServers.cliKey(data);
    api = new Client(server.url());
    createUser("alice", Map.of("/", List.of("*")), List.of());
    createUser("bob", Map.of("/", List.of("*")), List.of());
    createUser("dave", Map.of("/", List.of("*")), List.of(), 100_000);
    createUser("carol", Map.of("/", List.of("*"), "/ro", List.of("list", "download")),
        List.of(Map.of("path", "/", "denied_patterns", List.of("*.exe"))));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static Path home(String user) {
    return tmp.resolve("homes").resolve(user);
  }

  static void createUser(String name, Map<String, List<String>> perms, List<Map<String, Object>> patterns)
      throws IOException {
    createUser(name, perms, patterns, 0);
  }

  static void createUser(String name, Map<String, List<String>> perms, List<Map<String, Object>> patterns,
      long quotaSize) throws IOException {
    Files.createDirectories(home(name));
    Map<String, Object> body = new TreeMap<>(Map.of("username", name, "password", PW,
        "home_dir", home(name).toString(), "permissions", perms, "quota_size", quotaSize));
    if (!patterns.isEmpty()) body.put("filters", Map.of("file_patterns", patterns));
    HttpResponse<byte[]> r = api.send(HttpRequest.newBuilder(api.uri("/v1/adm/users"))
        .header("X-API-Key", adminKey).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void mkdirListAndDirEntryFields() throws Exception {
    var u = api.as("alice");
    assertThat(u.call("POST", "/api/v2/user/dirs?path=" + q("l1/l2/l3")).statusCode()).isEqualTo(404);
    var made = u.call("POST", "/api/v2/user/dirs?path=" + q("l1/l2/l3") + "&mkdir_parents=true");
    assertThat(made.statusCode()).isEqualTo(201);
    assertThat(json(made).path("message").asText()).isNotEmpty();
    assertThat(u.call("POST", "/api/v2/user/dirs?path=l1").statusCode()).isEqualTo(409);
    Files.writeString(home("alice").resolve("l1/f.txt"), "12345");
    var list = u.call("GET", "/api/v2/user/dirs?path=l1");
    assertThat(list.statusCode()).isEqualTo(200);
    Map<String, JsonNode> byName = new TreeMap<>();
    json(list).forEach(e -> byName.put(e.path("name").asText(), e));
    assertThat(byName).containsOnlyKeys("l2", "f.txt");
    assertThat(byName.get("f.txt").path("size").asLong()).isEqualTo(5);
    assertThat(byName.get("f.txt").path("mode").asLong() & 2401763328L).isZero();
    assertThat(Instant.parse(byName.get("f.txt").path("last_modified").asText())).isAfter(Instant.now().minusSeconds(600));
    assertThat(byName.get("l2").has("size")).isFalse();
    assertThat(byName.get("l2").path("mode").asLong() & 2147483648L).isNotZero();
    assertThat(u.call("GET", "/api/v2/user/dirs").statusCode()).isEqualTo(200);
    assertThat(u.call("GET", "/api/v2/user/dirs?path=nope").statusCode()).isEqualTo(404);
    assertThat(u.call("POST", "/api/v2/user/dirs").statusCode()).isEqualTo(400);
  }

  @Test
  void rawUploadWithAFormContentTypeIsStoredAsSentAndDownloadsWithHeaders() throws Exception {
    var u = api.as("alice");
    byte[] body = "a=b&c=%20d&x".getBytes(StandardCharsets.UTF_8);
    var up = u.send(u.request("POST", "/api/v2/user/files/upload?path=" + q("raw/sub/form.txt") + "&mkdir_parents=true")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(up.statusCode()).as(new String(up.body())).isEqualTo(201);
    assertThat(Files.readAllBytes(home("alice").resolve("raw/sub/form.txt"))).isEqualTo(body);
    // far past Jetty's form size limit: the body is never parsed as a form
    byte[] big = new byte[3 * 1024 * 1024];
    new Random(9).nextBytes(big);
    var bigForm = u.send(u.request("POST", "/api/v2/user/files/upload?path=" + q("raw/big-form.bin"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(big)));
    assertThat(bigForm.statusCode()).as(new String(bigForm.body())).isEqualTo(201);
    assertThat(Files.readAllBytes(home("alice").resolve("raw/big-form.bin"))).isEqualTo(big);
    // without mkdir_parents the parent must exist
    var noParent = u.send(u.request("POST", "/api/v2/user/files/upload?path=" + q("nodir/x.bin"))
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(body)));
    assertThat(noParent.statusCode()).isEqualTo(404);

    var down = u.call("GET", "/api/v2/user/files?path=" + q("raw/sub/form.txt"));
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(body);
    assertThat(down.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(down.headers().firstValue("Content-Length")).hasValue(String.valueOf(body.length));
    assertThat(down.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        d -> assertThat(d).startsWith("attachment; filename=\"form.txt\""));
    var inline = u.call("GET", "/api/v2/user/files?path=" + q("raw/sub/form.txt") + "&inline=1");
    assertThat(inline.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("inline"));
    assertThat(u.call("GET", "/api/v2/user/files?path=raw").statusCode()).isEqualTo(400);
    assertThat(u.call("GET", "/api/v2/user/files?path=missing").statusCode()).isEqualTo(404);
  }

  @Test
  void rangeDownloadsAnswer206AndAnUnsatisfiableRange416() throws Exception {
    var u = api.as("alice");
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    Files.write(home("alice").resolve("range.bin"), data);
    String path = "/api/v2/user/files?path=range.bin";
    var part = u.send(u.request("GET", path).header("Range", "bytes=10-19"));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/100000");
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 20));
    var tail = u.send(u.request("GET", path).header("Range", "bytes=-5"));
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 99_995, 100_000));
    var open = u.send(u.request("GET", path).header("Range", "bytes=99990-"));
    assertThat(open.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
    assertThat(open.body()).hasSize(10);
    var bad = u.send(u.request("GET", path).header("Range", "bytes=100000-"));
    assertThat(bad.statusCode()).isEqualTo(416);
    assertThat(bad.headers().firstValue("Content-Range")).hasValue("bytes */100000");
    assertThat(json(bad).path("error").asText()).contains("not satisfiable");
  }

  @Test
  void multipartUploadOfTwoFilesIntoANewDirectory() throws Exception {
    var u = api.as("alice");
    byte[] one = new byte[200_000];
    new Random(5).nextBytes(one);
    // a body that holds boundary-like bytes must come through unchanged
    byte[] two = "line\r\n--not-the-boundary\r\n--XyZ\r\nend".getBytes(StandardCharsets.UTF_8);
    String boundary = "XyZ123boundary";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    part(b, boundary, "one.bin", one);
    part(b, boundary, "two.txt", two);
    b.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    var r = u.send(u.request("POST", "/api/v2/user/files?path=" + q("multi/dir") + "&mkdir_parents=true")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    assertThat(Files.readAllBytes(home("alice").resolve("multi/dir/one.bin"))).isEqualTo(one);
    assertThat(Files.readAllBytes(home("alice").resolve("multi/dir/two.txt"))).isEqualTo(two);
    var notMultipart = u.send(u.request("POST", "/api/v2/user/files?path=multi")
        .header("Content-Type", "application/json").method("POST", HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(notMultipart.statusCode()).isEqualTo(400);
  }

  static void part(ByteArrayOutputStream b, String boundary, String name, byte[] content) throws IOException {
    b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filenames\"; filename=\"" + name
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    b.write(content);
    b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void renameCopyMoveAndDelete() throws Exception {
    var u = api.as("alice");
    Path h = home("alice");
    Files.createDirectories(h.resolve("ops/tree/deep"));
    Files.writeString(h.resolve("ops/tree/deep/a.txt"), "A");
    Files.writeString(h.resolve("ops/f.txt"), "F");
    assertThat(u.call("PATCH", "/api/v2/user/files?path=" + q("ops/f.txt") + "&target=" + q("ops/g.txt")).statusCode())
        .isEqualTo(200);
    assertThat(h.resolve("ops/g.txt")).hasContent("F");
    assertThat(u.call("PATCH", "/api/v2/user/dirs?path=" + q("ops/tree") + "&target=" + q("ops/tree2")).statusCode())
        .isEqualTo(200);
    assertThat(h.resolve("ops/tree2/deep/a.txt")).hasContent("A");
    assertThat(u.call("POST", "/api/v2/user/file-actions/copy?path=" + q("ops/tree2") + "&target=" + q("ops/copy"))
        .statusCode()).isEqualTo(200);
    assertThat(h.resolve("ops/copy/deep/a.txt")).hasContent("A");
    assertThat(h.resolve("ops/tree2/deep/a.txt")).hasContent("A");
    assertThat(u.call("POST", "/api/v2/user/file-actions/copy?path=" + q("ops/tree2") + "&target=" + q("ops/tree2/in"))
        .statusCode()).isEqualTo(400);
    assertThat(u.call("POST", "/api/v2/user/file-actions/move?path=" + q("ops/g.txt") + "&target=" + q("ops/copy/"))
        .statusCode()).isEqualTo(200);
    assertThat(h.resolve("ops/copy/g.txt")).hasContent("F");
    assertThat(u.call("POST", "/api/v2/user/file-actions/move?path=" + q("ops/none") + "&target=x").statusCode())
        .isEqualTo(404);
    assertThat(u.call("POST", "/api/v2/user/file-actions/copy?path=" + q("ops/none")).statusCode()).isEqualTo(400);
    // a file is not deleted as a directory, nor a directory as a file
    assertThat(u.call("DELETE", "/api/v2/user/dirs?path=" + q("ops/copy/g.txt")).statusCode()).isEqualTo(400);
    assertThat(u.call("DELETE", "/api/v2/user/files?path=" + q("ops/copy")).statusCode()).isEqualTo(400);
    assertThat(u.call("DELETE", "/api/v2/user/files?path=" + q("ops/copy/g.txt")).statusCode()).isEqualTo(200);
    assertThat(h.resolve("ops/copy/g.txt")).doesNotExist();
    assertThat(u.call("DELETE", "/api/v2/user/dirs?path=" + q("ops/copy")).statusCode()).isEqualTo(200);
    assertThat(h.resolve("ops/copy")).doesNotExist();
    assertThat(u.call("DELETE", "/api/v2/user/files?path=" + q("ops/copy")).statusCode()).isEqualTo(404);
  }

  @Test
  void metadataSetsTheModificationTime() throws Exception {
    var u = api.as("alice");
    Path f = Files.writeString(home("alice").resolve("meta.txt"), "m");
    String path = "/api/v2/user/files/metadata?path=meta.txt";
    var ok = u.send(u.request("PATCH", path).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"modification_time\": 1700000000000}")));
    assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(200);
    assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(1_700_000_000_000L);
    var bad = u.send(u.request("PATCH", path).method("PATCH", HttpRequest.BodyPublishers.ofString("{\"modification_time\": \"x\"}")));
    assertThat(bad.statusCode()).isEqualTo(400);
    var missing = u.send(u.request("PATCH", "/api/v2/user/files/metadata?path=none.txt")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"modification_time\": 1}")));
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void streamZipHoldsEveryNamedFileAndTree() throws Exception {
    var u = api.as("alice");
    Path h = home("alice");
    Files.createDirectories(h.resolve("zip/d/e"));
    Files.writeString(h.resolve("zip/top.txt"), "top");
    Files.writeString(h.resolve("zip/d/one.txt"), "one");
    Files.writeString(h.resolve("zip/d/e/two.txt"), "two");
    var r = u.send(u.request("POST", "/api/v2/user/streamzip").header("Content-Type", "application/json")
        .method("POST", HttpRequest.BodyPublishers.ofString("[\"/zip/top.txt\", \"/zip/d\"]")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
    Map<String, String> entries = new TreeMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; )
        entries.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(entries).containsExactlyEntriesOf(new TreeMap<>(Map.of(
        "top.txt", "top", "d/", "", "d/one.txt", "one", "d/e/", "", "d/e/two.txt", "two")));
    var missing = u.send(u.request("POST", "/api/v2/user/streamzip")
        .method("POST", HttpRequest.BodyPublishers.ofString("[\"/zip/none\"]")));
    assertThat(missing.statusCode()).isEqualTo(404);
    var notArray = u.send(u.request("POST", "/api/v2/user/streamzip")
        .method("POST", HttpRequest.BodyPublishers.ofString("{\"a\":1}")));
    assertThat(notArray.statusCode()).isEqualTo(400);
  }

  @Test
  void aDeniedPatternAndAMissingPermissionAreRefused() throws Exception {
    var u = api.as("carol");
    Files.createDirectories(home("carol").resolve("ro"));
    Files.writeString(home("carol").resolve("ro/keep.txt"), "keep");
    var exe = u.send(u.request("POST", "/api/v2/user/files/upload?path=tool.exe")
        .method("POST", HttpRequest.BodyPublishers.ofString("MZ")));
    assertThat(exe.statusCode()).isEqualTo(403);
    assertThat(json(exe).path("error").asText()).isNotEmpty();
    assertThat(home("carol").resolve("tool.exe")).doesNotExist();
    var ro = u.send(u.request("POST", "/api/v2/user/files/upload?path=" + q("ro/new.txt"))
        .method("POST", HttpRequest.BodyPublishers.ofString("x")));
    assertThat(ro.statusCode()).isEqualTo(403);
    assertThat(u.call("DELETE", "/api/v2/user/files?path=" + q("ro/keep.txt")).statusCode()).isEqualTo(403);
    assertThat(u.call("POST", "/api/v2/user/dirs?path=" + q("ro/sub")).statusCode()).isEqualTo(403);
    assertThat(u.call("GET", "/api/v2/user/files?path=" + q("ro/keep.txt")).body()).isEqualTo("keep".getBytes());
  }

  @Test
  void anUploadPastTheQuotaIs413AndLeavesNoFile() throws Exception {
    var u = api.as("dave");
    var over = u.send(u.request("POST", "/api/v2/user/files/upload?path=over.bin")
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(new byte[300_000])));
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(json(over).path("error").asText()).isNotEmpty();
    assertThat(home("dave").resolve("over.bin")).doesNotExist();
    var fits = u.send(u.request("POST", "/api/v2/user/files/upload?path=fits.bin")
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(new byte[1000])));
    assertThat(fits.statusCode()).isEqualTo(201);
  }

  @Test
  void aUserNeverReachesAnotherUsersFiles() throws Exception {
    Files.writeString(home("bob").resolve("bob-secret.txt"), "secret");
    var alice = api.as("alice");
    assertThat(alice.call("GET", "/api/v2/user/files?path=bob-secret.txt").statusCode()).isEqualTo(404);
    assertThat(alice.call("GET", "/api/v2/user/files?path=" + q("../bob/bob-secret.txt")).statusCode()).isEqualTo(400);
    assertThat(new String(alice.call("GET", "/api/v2/user/dirs?path=/").body())).doesNotContain("bob-secret");
    assertThat(api.as("bob").call("GET", "/api/v2/user/files?path=bob-secret.txt").body()).isEqualTo("secret".getBytes());
  }

  @Test
  void badPathsGetA400WithAMessageAndTheServerKeepsServing() throws Exception {
    var u = api.as("alice");
    for (String bad : List.of("a%00b", q("a/../../etc/passwd"), q("x".repeat(10_000)), q("d/" + "y".repeat(300)))) {
      for (String route : List.of("GET /api/v2/user/files", "GET /api/v2/user/dirs", "POST /api/v2/user/dirs",
          "DELETE /api/v2/user/files", "POST /api/v2/user/files/upload")) {
        String[] mr = route.split(" ");
        // Jetty ends the connection after a 414: that request gets a connection of its own
        var r = (bad.length() > 8000 ? new UserClient(new Client(server.url()), u.auth()) : u).call(mr[0], mr[1] + "?path=" + bad);
        // a 10,000-character name does not fit Jetty's request line: 414 before any route
        int expected = bad.length() > 8000 ? 414 : 400;
        assertThat(r.statusCode()).as(route + " " + bad.substring(0, Math.min(40, bad.length()))).isEqualTo(expected);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(route).contains("\"error\"");
      }
    }
    // in a body it reaches the route, which names the problem
    var zip = u.send(u.request("POST", "/api/v2/user/streamzip")
        .method("POST", HttpRequest.BodyPublishers.ofString("[\"/" + "x".repeat(10_000) + "\"]")));
    assertThat(zip.statusCode()).isEqualTo(400);
    assertThat(json(zip).path("error").asText()).contains("is longer than");
    var multipart = new ByteArrayOutputStream();
    part(multipart, "B0undary", "z".repeat(10_000), new byte[] {1});
    multipart.write("--B0undary--\r\n".getBytes(StandardCharsets.US_ASCII));
    var mp = u.send(u.request("POST", "/api/v2/user/files").header("Content-Type", "multipart/form-data; boundary=B0undary")
        .method("POST", HttpRequest.BodyPublishers.ofByteArray(multipart.toByteArray())));
    assertThat(mp.statusCode()).isEqualTo(400);
    // a JSON body past the server's limit is refused before it is read whole
    var huge = u.send(u.request("POST", "/api/v2/user/streamzip").header("Content-Type", "application/json")
        .method("POST", HttpRequest.BodyPublishers.ofString("[\"" + "a".repeat(5 * 1024 * 1024) + "\"]")));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(json(huge).path("error").asText()).isNotEmpty();
    var unauthenticated = api.send(HttpRequest.newBuilder(api.uri("/api/v2/user/dirs")));
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertThat(u.call("GET", "/api/v2/user/dirs").statusCode()).isEqualTo(200);
  }

  @Test
  void anInterruptedUploadIsLiveThenLeavesNothingAndIsRecordedFailed() throws Exception {
    var u = api.as("alice");
    URI base = URI.create(server.url());
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      String head = "POST /api/v2/user/files/upload?path=cut.bin HTTP/1.1\r\nHost: x\r\n" + u.authLine()
          + "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n";
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[300_000]);
      out.flush();
      // while the body is on its way, the upload is a live HTTP connection with an active transfer
      JsonNode live = awaitConnection("alice");
      assertThat(live.path("protocol").asText()).isEqualTo("HTTP");
      assertThat(live.path("active_transfers").toString()).contains("/cut.bin");
    }
    JsonNode failed = awaitTransfer("alice", "/cut.bin");
    assertThat(failed.path("ok").asBoolean()).as(failed.toString()).isFalse();
    assertThat(failed.path("protocol").asText()).isEqualTo("HTTP");
    assertThat(failed.path("direction").asText()).isEqualTo("upload");
    assertThat(home("alice").resolve("cut.bin")).doesNotExist();
    try (var files = Files.list(home("alice"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("cut.bin"));
    }
  }

  private static JsonNode awaitConnection(String user) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      var r = api.send(HttpRequest.newBuilder(api.uri("/v1/adm/connections")).header("X-API-Key", adminKey));
      for (JsonNode c : json(r)) {
        if (c.path("username").asText().equals(user) && c.path("active_transfers").size() > 0) return c;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no live connection of " + user);
  }

  private static JsonNode awaitTransfer(String user, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      var r = api.send(HttpRequest.newBuilder(api.uri("/v1/adm/transfers?username=" + user + "&limit=500"))
          .header("X-API-Key", adminKey));
      for (JsonNode t : json(r).path("items")) {
        if (t.toString().contains(path)) return t;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no transfer record of " + path);
  }

  static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  /** A plain-HTTP client of the server; {@link #as} gives one that calls as a user. */
  record Client(String url, HttpClient http) {
    Client(String url) {
      this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    URI uri(String path) {
      return URI.create(url + path);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException {
      try {
        return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }

    UserClient as(String user) throws IOException {
      return new UserClient(this, Auth.header(this, user, PW));
    }
  }

  /** Calls as one user, with the header {@link Auth} gives. */
  record UserClient(Client c, String[] auth) {
    HttpRequest.Builder request(String method, String path) {
      return HttpRequest.newBuilder(c.uri(path)).header(auth[0], auth[1]).method(method, HttpRequest.BodyPublishers.noBody());
    }

    HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException {
      return c.send(b);
    }

    HttpResponse<byte[]> call(String method, String path) throws IOException {
      return c.send(request(method, path));
    }

    String authLine() {
      return auth[0] + ": " + auth[1] + "\r\n";
    }
  }

  /** How a test user authenticates. */
  static final class Auth {
    static String[] header(Client c, String user, String password) {
      V2Client.Auth a = V2Client.bearer(new V2Client(c.url()).userToken(user, password));
      return new String[] {a.header(), a.value()};
    }
  }
}
