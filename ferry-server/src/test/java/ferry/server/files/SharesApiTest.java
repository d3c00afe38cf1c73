package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shares on a real in-process server: the owner's /api/v2/user/shares and the public
 * /api/v2/shares/{id}. Visitors from other networks come through loopback as a trusted proxy
 * naming them in X-Forwarded-For.
 */
class SharesApiTest {
  private static final String ALICE_PW = "Alice-Pw-4711";
  private static final String BOB_PW = "Bob-Pw-0815";

  @TempDir static Path dir;
  static FerryServer server;
  static V2Client c;
  static Auth alice;
  static Auth bob;
  static Path aliceHome;
  static byte[] big;

  @BeforeAll
  static void start() throws IOException {
    // two wrong share passwords (2 points each) ban their source
    server = TestServers.start(TestServers.config(dir.resolve("data"), true, List.of(),
        DefenderConfig.defaults().withThreshold(4), List.of(Cidr.parse("127.0.0.1/32"))));
    c = new V2Client(server);
    aliceHome = dir.resolve("homes/alice");
    createUser("alice", ALICE_PW, aliceHome);
    createUser("bob", BOB_PW, dir.resolve("homes/bob"));
    alice = V2Client.bearer(c.userToken("alice", ALICE_PW));
    bob = V2Client.bearer(c.userToken("bob", BOB_PW));
    big = new byte[300_000];
    new Random(7).nextBytes(big);
    Files.createDirectories(aliceHome.resolve("docs/sub"));
    Files.createDirectories(aliceHome.resolve("inbox"));
    Files.writeString(aliceHome.resolve("docs/a.txt"), "alpha");
    Files.write(aliceHome.resolve("docs/sub/b.bin"), big);
    Files.writeString(aliceHome.resolve("single.txt"), "just one file");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @Test
  void ownersCreateReadListUpdateAndDeleteTheirShares() {
    Response created = c.post("/api/v2/user/shares", alice, Map.of("name", "docs", "description", "for Carl",
        "scope", 1, "paths", List.of("/docs"), "password", "share-Pw", "max_tokens", 9,
        "allow_from", List.of("192.0.2.0/24")));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.header("X-Object-ID").orElseThrow();
    assertThat(id).hasSize(22);
    assertThat(created.header("Location")).contains("/api/v2/user/shares/" + id);
    assertThat(created.json().path("message").asText()).isNotEmpty();

    JsonNode s = c.get("/api/v2/user/shares/" + id, alice).json();
    assertThat(s.path("id").asText()).isEqualTo(id);
    assertThat(s.path("name").asText()).isEqualTo("docs");
    assertThat(s.path("description").asText()).isEqualTo("for Carl");
    assertThat(s.path("scope").asInt()).isEqualTo(1);
    assertThat(s.path("paths").get(0).asText()).isEqualTo("/docs");
    assertThat(s.path("username").asText()).isEqualTo("alice");
    assertThat(s.path("created_at").asLong()).isPositive();
    assertThat(s.path("updated_at").asLong()).isPositive();
    assertThat(s.path("last_use_at").asLong()).isZero();
    assertThat(s.path("expires_at").asLong()).isZero();
    assertThat(s.path("password").asText()).isEqualTo("[**redacted**]");
    assertThat(s.path("max_tokens").asInt()).isEqualTo(9);
    assertThat(s.path("used_tokens").asInt()).isZero();
    assertThat(s.path("allow_from").get(0).asText()).isEqualTo("192.0.2.0/24");

    Map<String, Object> update = new HashMap<>(Map.of("name", "renamed", "scope", 1, "paths", List.of("/docs"),
        "password", "[**redacted**]", "max_tokens", 3));
    Response put = c.put("/api/v2/user/shares/" + id, alice, update);
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("message").asText()).isEqualTo("Share updated");
    JsonNode after = c.get("/api/v2/user/shares/" + id, alice).json();
    assertThat(after.path("name").asText()).isEqualTo("renamed");
    assertThat(after.path("password").asText()).isEqualTo("[**redacted**]"); // kept
    assertThat(after.path("allow_from")).isEmpty();
    assertThat(after.path("created_at").asLong()).isEqualTo(s.path("created_at").asLong());

    Response del = c.delete("/api/v2/user/shares/" + id, alice);
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.json().path("message").asText()).isEqualTo("Share deleted");
    assertThat(c.get("/api/v2/user/shares/" + id, alice).status()).isEqualTo(404);
  }

  @Test
  void listingsPageAndOrderById() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) ids.add(share(bob, Map.of("name", "p" + i, "scope", 1, "paths", List.of("/"))));
    List<String> sorted = ids.stream().sorted().toList();
    assertThat(idsOf(c.get("/api/v2/user/shares", bob))).containsAll(ids);
    List<String> asc = idsOf(c.get("/api/v2/user/shares?order=ASC&limit=500", bob));
    assertThat(asc).isSorted();
    List<String> desc = idsOf(c.get("/api/v2/user/shares?order=DESC&limit=500", bob));
    assertThat(desc).isEqualTo(asc.reversed());
    assertThat(idsOf(c.get("/api/v2/user/shares?offset=1&limit=1&order=ASC", bob))).containsExactly(asc.get(1));
    assertThat(c.get("/api/v2/user/shares?limit=501", bob).status()).isEqualTo(400);
    assertThat(c.get("/api/v2/user/shares?order=sideways", bob).status()).isEqualTo(400);
    assertThat(asc).containsSubsequence(sorted); // the three new shares, in id order
    for (String id : ids) c.delete("/api/v2/user/shares/" + id, bob);
  }

  @Test
  void aUserNeverReachesAnotherUsersShare() {
    String id = share(alice, Map.of("name", "mine", "scope", 1, "paths", List.of("/docs")));
    assertThat(c.get("/api/v2/user/shares/" + id, bob).status()).isEqualTo(404);
    assertThat(c.put("/api/v2/user/shares/" + id, bob, Map.of("name", "x", "scope", 1, "paths", List.of("/")))
        .status()).isEqualTo(404);
    assertThat(c.delete("/api/v2/user/shares/" + id, bob).status()).isEqualTo(404);
    assertThat(idsOf(c.get("/api/v2/user/shares?limit=500", bob))).doesNotContain(id);
    assertThat(c.get("/api/v2/user/shares/" + id, alice).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/user/shares", Auth.NONE).status()).isEqualTo(401);
  }

  @Test
  void badSharesAreA400() {
    assertThat(c.post("/api/v2/user/shares", alice, Map.of("name", "w", "scope", 2, "paths", List.of("/a", "/b")))
        .status()).isEqualTo(400);
    assertThat(c.post("/api/v2/user/shares", alice, Map.of("name", "s", "scope", 7, "paths", List.of("/")))
        .status()).isEqualTo(400);
    assertThat(c.post("/api/v2/user/shares", alice, Map.of("name", "s", "scope", "1", "paths", List.of("/")))
        .status()).isEqualTo(400);
    assertThat(c.post("/api/v2/user/shares", alice, Map.of("name", "s", "scope", 1, "paths", List.of("/../x")))
        .status()).isEqualTo(400);
    assertThat(c.post("/api/v2/user/shares", alice, Map.of("name", "s", "scope", 1, "paths", List.of("/"),
        "allow_from", List.of("nonsense"))).status()).isEqualTo(400);
    assertThat(c.post("/api/v2/user/shares", alice, Map.of("name", "s", "scope", 1, "paths", List.of("/"),
        "expires_at", Instant.now().minusSeconds(60).toEpochMilli())).status()).isEqualTo(400);
    assertThat(c.post("/api/v2/user/shares", alice, "{not json").status()).isEqualTo(400);
  }

  @Test
  void aReadShareDownloadsAsAZipOfItsPaths() throws IOException {
    String id = share(alice, Map.of("name", "z", "scope", 1, "paths", List.of("/docs", "/single.txt")));
    HttpResponse<byte[]> r = bytes(c.request("GET", "/api/v2/shares/" + id, Auth.NONE, noBody()).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/zip");
    Map<String, byte[]> entries = unzip(r.body());
    assertThat(entries.keySet()).contains("docs/a.txt", "docs/sub/b.bin", "single.txt");
    assertThat(new String(entries.get("docs/a.txt"), StandardCharsets.UTF_8)).isEqualTo("alpha");
    assertThat(entries.get("docs/sub/b.bin")).isEqualTo(big);
    assertThat(new String(entries.get("single.txt"), StandardCharsets.UTF_8)).isEqualTo("just one file");
  }

  @Test
  void aOneFileShareDownloadsTheFileItselfWithoutCompression() {
    String id = share(alice, Map.of("name", "one", "scope", 1, "paths", List.of("/docs/sub/b.bin")));
    HttpResponse<byte[]> r =
        bytes(c.request("GET", "/api/v2/shares/" + id + "?compress=false", Auth.NONE, noBody()).build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(big);
    assertThat(r.headers().firstValue("Content-Disposition").orElseThrow()).contains("b.bin");
  }

  @Test
  void aDirectoryShareIsBrowsedAndItsFilesReadWithRanges() {
    String id = share(alice, Map.of("name", "browse", "scope", 1, "paths", List.of("/docs")));
    JsonNode top = c.get("/api/v2/shares/" + id + "/dirs", Auth.NONE).json();
    Map<String, JsonNode> byName = new HashMap<>();
    top.forEach(e -> byName.put(e.path("name").asText(), e));
    assertThat(byName.keySet()).containsExactlyInAnyOrder("a.txt", "sub");
    assertThat(byName.get("a.txt").path("size").asLong()).isEqualTo(5);
    assertThat(byName.get("sub").path("mode").asLong() & 2147483648L).isNotZero();
    assertThat(byName.get("sub").has("size")).isFalse();
    JsonNode sub = c.get("/api/v2/shares/" + id + "/dirs?path=sub", Auth.NONE).json();
    assertThat(sub.get(0).path("name").asText()).isEqualTo("b.bin");

    HttpResponse<byte[]> whole = bytes(c.request("GET", "/api/v2/shares/" + id + "/files?path=sub%2Fb.bin",
        Auth.NONE, noBody()).build());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(big);
    HttpResponse<byte[]> part = bytes(c.request("GET", "/api/v2/shares/" + id + "/files?path=sub/b.bin",
        Auth.NONE, noBody()).header("Range", "bytes=1000-1999").build());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + big.length);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(big, 1000, 2000));
    Response beyond = c.call(c.request("GET", "/api/v2/shares/" + id + "/files?path=a.txt", Auth.NONE, noBody())
        .header("Range", "bytes=5-").build());
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(beyond.header("Content-Range")).contains("bytes */5");
    // ".." never leaves the shared directory
    assertThat(c.get("/api/v2/shares/" + id + "/files?path=..%2Fsingle.txt", Auth.NONE).status()).isEqualTo(404);
    assertThat(c.get("/api/v2/shares/" + id + "/files?path=sub", Auth.NONE).status()).isEqualTo(400);
  }

  @Test
  void aWriteShareTakesMultipartAndRawUploadsButNoDownloads() throws IOException {
    String id = share(alice, Map.of("name", "drop", "scope", 2, "paths", List.of("/inbox")));
    String boundary = "----ferry-boundary-42";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    part(body, boundary, "one.txt", "first file".getBytes(StandardCharsets.UTF_8));
    part(body, boundary, "two.bin", big);
    body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    Response multi = c.send("POST", "/api/v2/shares/" + id, Auth.NONE,
        HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "multipart/form-data; boundary=" + boundary);
    assertThat(multi.status()).as(multi.body()).isEqualTo(201);
    assertThat(Files.readString(aliceHome.resolve("inbox/one.txt"))).isEqualTo("first file");
    assertThat(Files.readAllBytes(aliceHome.resolve("inbox/two.bin"))).isEqualTo(big);

    long mtime = Instant.parse("2025-05-05T05:05:05Z").toEpochMilli();
    Response raw = c.call(c.request("POST", "/api/v2/shares/" + id + "/raw%20file.bin", Auth.NONE,
        HttpRequest.BodyPublishers.ofByteArray(big)).header("Content-Type", "application/octet-stream")
        .header("X-SFTPGO-MTIME", Long.toString(mtime)).build());
    assertThat(raw.status()).as(raw.body()).isEqualTo(201);
    Path rawFile = aliceHome.resolve("inbox/raw file.bin");
    assertThat(Files.readAllBytes(rawFile)).isEqualTo(big);
    assertThat(Files.getLastModifiedTime(rawFile).toMillis()).isEqualTo(mtime);

    assertThat(c.get("/api/v2/shares/" + id, Auth.NONE).status()).isEqualTo(403);
    assertThat(c.get("/api/v2/shares/" + id + "/dirs", Auth.NONE).status()).isEqualTo(403);
    String readOnly = share(alice, Map.of("name", "ro", "scope", 1, "paths", List.of("/inbox")));
    Response refused = c.call(c.request("POST", "/api/v2/shares/" + readOnly + "/x.txt", Auth.NONE,
        HttpRequest.BodyPublishers.ofString("x")).header("Content-Type", "text/plain").build());
    assertThat(refused.status()).isEqualTo(403);
    assertThat(aliceHome.resolve("inbox/x.txt")).doesNotExist();
  }

  @Test
  void anUploadCutShortLeavesNothingBehind() throws Exception {
    String id = share(alice, Map.of("name", "cut", "scope", 2, "paths", List.of("/inbox")));
    URI u = URI.create(c.url());
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/v2/shares/" + id + "/cut.bin HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream"
          + "\r\nContent-Length: 10000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(big);
      out.flush();
    }
    // the failed upload is on record once the server saw the body end
    awaitTransfer("/inbox/cut.bin", false);
    assertThat(aliceHome.resolve("inbox/cut.bin")).doesNotExist();
    try (var files = Files.list(aliceHome.resolve("inbox"))) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("cut"));
    }
  }

  @Test
  void concurrentUploadsIntoAWriteShareNeverExceedMaxTokens() throws Exception {
    Files.createDirectories(aliceHome.resolve("race"));
    String id = share(alice, Map.of("name", "race", "scope", 2, "paths", List.of("/race"), "max_tokens", 3));
    int callers = 12;
    List<java.util.concurrent.Callable<Integer>> uploads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      String name = "f" + i + ".txt";
      uploads.add(() -> rawUpload(id, name, name.getBytes(StandardCharsets.UTF_8)).status());
    }
    List<Integer> statuses = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(callers)) {
      for (var f : pool.invokeAll(uploads)) statuses.add(f.get());
    }
    assertThat(statuses).as(statuses.toString()).filteredOn(st -> st == 201).hasSize(3);
    assertThat(statuses).as(statuses.toString()).allMatch(st -> st == 201 || (st >= 400 && st < 500));
    try (var files = Files.list(aliceHome.resolve("race"))) {
      assertThat(files).hasSize(3);
    }
    assertThat(c.get("/api/v2/user/shares/" + id, alice).json().path("used_tokens").asInt()).isEqualTo(3);
  }

  @Test
  void hostileFileNamesAreRefusedAndWriteNothing() throws IOException {
    Path drop = aliceHome.resolve("hostile/drop");
    Files.createDirectories(drop);
    String id = share(alice, Map.of("name", "hostile", "scope", 2, "paths", List.of("/hostile/drop")));
    for (String name : List.of("..", "%2E%2E", "..%2Fescaped.txt", "..%2F..%2Fescaped.txt", "a%2Fb.txt",
        "%2Fescaped.txt", "a%00b.txt", "x".repeat(10_000))) {
      Response r = rawUpload(id, name, "hostile".getBytes(StandardCharsets.UTF_8));
      assertThat(r.status()).as(name.length() > 60 ? "10,000 characters" : name).isBetween(400, 499);
    }
    try (var files = Files.list(drop)) {
      assertThat(files).isEmpty();
    }
    try (var files = Files.list(aliceHome.resolve("hostile"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("drop");
    }
    assertThat(aliceHome.resolve("escaped.txt")).doesNotExist();
    assertThat(dir.resolve("homes/escaped.txt")).doesNotExist();
  }

  @Test
  void hostileShareIdsAreA4xx() {
    for (String bad : List.of("x".repeat(10_000), "a%00b", "%00")) {
      String label = bad.length() > 60 ? "10,000 characters" : bad;
      for (Response r : List.of(c.get("/api/v2/shares/" + bad, Auth.NONE),
          c.get("/api/v2/shares/" + bad + "/dirs", Auth.NONE),
          c.get("/api/v2/shares/" + bad + "/files?path=a.txt", Auth.NONE),
          rawUpload(bad, "f.txt", "x".getBytes(StandardCharsets.UTF_8)))) {
        assertThat(r.status()).as(label + ": " + r.body()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception");
      }
    }
  }

  @Test
  void aPasswordShareTakesBasicAndWrongPasswordsCountTowardTheDefender() {
    String id = share(alice, Map.of("name", "locked", "scope", 1, "paths", List.of("/single.txt"),
        "password", "open-Sesame"));
    Response none = c.get("/api/v2/shares/" + id + "?compress=false", Auth.NONE);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Basic");
    assertThat(none.json().has("error")).isTrue();
    assertThat(visitFrom("203.0.113.9", id, V2Client.basic("alice", "open-Sesame")).status()).isEqualTo(200);
    assertThat(visitFrom("203.0.113.9", id, V2Client.basic("anyone", "wrong")).status()).isEqualTo(401);
    assertThat(visitFrom("203.0.113.9", id, V2Client.basic("alice", "wrong-again")).status()).isEqualTo(401);
    // two wrong passwords reached the threshold: the right one is now refused from there
    assertThat(visitFrom("203.0.113.9", id, V2Client.basic("alice", "open-Sesame")).status()).isEqualTo(403);
    assertThat(visitFrom("203.0.113.10", id, V2Client.basic("alice", "open-Sesame")).status()).isEqualTo(200);
  }

  @Test
  void anExpiredShareIsGone() {
    String id = share(alice, Map.of("name", "soon", "scope", 1, "paths", List.of("/single.txt"),
        "expires_at", Instant.now().plusSeconds(3600).toEpochMilli()));
    assertThat(c.get("/api/v2/shares/" + id + "?compress=false", Auth.NONE).status()).isEqualTo(200);
    Response put = c.put("/api/v2/user/shares/" + id, alice, Map.of("name", "soon", "scope", 1,
        "paths", List.of("/single.txt"), "expires_at", Instant.now().minusSeconds(1).toEpochMilli()));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    Response gone = c.get("/api/v2/shares/" + id + "?compress=false", Auth.NONE);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().path("error").asText()).contains("expired");
  }

  @Test
  void aShareStopsAfterMaxTokensUses() {
    String id = share(alice, Map.of("name", "twice", "scope", 1, "paths", List.of("/single.txt"), "max_tokens", 2));
    for (int i = 0; i < 2; i++)
      assertThat(c.get("/api/v2/shares/" + id + "?compress=false", Auth.NONE).status()).isEqualTo(200);
    Response third = c.get("/api/v2/shares/" + id + "?compress=false", Auth.NONE);
    assertThat(third.status()).isEqualTo(404);
    assertThat(third.json().path("error").asText()).contains("max share usage");
    assertThat(c.get("/api/v2/user/shares/" + id, alice).json().path("used_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void aShareAnswersOnlyItsNetworks() {
    String id = share(alice, Map.of("name", "lan", "scope", 1, "paths", List.of("/single.txt"),
        "allow_from", List.of("192.0.2.0/24")));
    assertThat(visitFrom("192.0.2.77", id, Auth.NONE).status()).isEqualTo(200);
    Response other = visitFrom("198.51.100.1", id, Auth.NONE);
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().has("message")).isTrue();
  }

  @Test
  void everyUseIsCountedAndEveryFileRecordedAsAnHttpShareTransfer() {
    String id = share(alice, Map.of("name", "count", "scope", 1, "paths", List.of("/docs")));
    assertThat(c.get("/api/v2/shares/" + id, Auth.NONE).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/shares/" + id + "/files?path=a.txt", Auth.NONE).status()).isEqualTo(200);
    assertThat(c.get("/api/v2/shares/" + id + "/dirs", Auth.NONE).status()).isEqualTo(200); // browsing is free
    JsonNode s = c.get("/api/v2/user/shares/" + id, alice).json();
    assertThat(s.path("used_tokens").asInt()).isEqualTo(2);
    assertThat(s.path("last_use_at").asLong()).isPositive();
    List<JsonNode> mine = transfers("/docs/sub/b.bin");
    assertThat(mine).anySatisfy(t -> {
      assertThat(t.path("protocol").asText()).isEqualTo("HTTPShare");
      assertThat(t.path("direction").asText()).isEqualTo("download");
      assertThat(t.path("bytes").asLong()).isEqualTo(big.length);
      assertThat(t.path("ok").asBoolean()).isTrue();
    });
    assertThat(transfers("/docs/a.txt")).filteredOn(t -> t.path("protocol").asText().equals("HTTPShare"))
        .hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void theOwnersPermissionsPatternsAndQuotaBindEveryVisitor() throws IOException {
    Path home = dir.resolve("homes/carol");
    Files.createDirectories(home.resolve("ro"));
    Files.createDirectories(home.resolve("in"));
    Response created = c.post("/v1/adm/users", V2Client.basic("admin", TestServers.ADMIN_PASSWORD), Map.of(
        "username", "carol", "password", "Carol-Pw-1", "status", 1, "home_dir", home.toString(),
        "quota_size", 100_000, "permissions", Map.of("/", List.of("*"), "/ro", List.of("list", "download")),
        "filters", Map.of("file_patterns", List.of(Map.of("path", "/", "denied_patterns", List.of("*.exe"))))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Auth carol = V2Client.bearer(c.userToken("carol", "Carol-Pw-1"));
    String ro = share(carol, Map.of("name", "ro", "scope", 2, "paths", List.of("/ro")));
    String in = share(carol, Map.of("name", "in", "scope", 2, "paths", List.of("/in")));

    assertThat(rawUpload(ro, "x.txt", "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    assertThat(rawUpload(in, "evil.exe", "x".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(403);
    assertThat(rawUpload(in, "huge.bin", big).status()).isEqualTo(413);
    assertThat(rawUpload(in, "fine.txt", "fine".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
    try (var files = Files.list(home.resolve("in"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("fine.txt");
    }
    assertThat(home.resolve("ro/x.txt")).doesNotExist();
  }

  @Test
  void adminsHaveNoUserShares() {
    Auth admin = V2Client.bearer(c.adminToken());
    assertThat(c.get("/api/v2/user/shares", admin).status()).isIn(401, 403);
  }

  // --- helpers

  private static Response rawUpload(String id, String name, byte[] body) {
    return c.call(c.request("POST", "/api/v2/shares/" + id + "/" + name, Auth.NONE,
        HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/octet-stream").build());
  }

  private static void createUser(String name, String password, Path home) {
    Response r = c.post("/v1/adm/users", V2Client.basic("admin", TestServers.ADMIN_PASSWORD), Map.of("username", name,
        "password", password, "status", 1, "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static String share(Auth owner, Map<String, Object> body) {
    Response r = c.post("/api/v2/user/shares", owner, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.header("X-Object-ID").orElseThrow();
  }

  private static List<String> idsOf(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().forEach(s -> ids.add(s.path("id").asText()));
    return ids;
  }

  private static Response visitFrom(String ip, String id, Auth auth) {
    return c.call(c.request("GET", "/api/v2/shares/" + id + "?compress=false", auth, noBody())
        .header("X-Forwarded-For", ip).build());
  }

  private static HttpRequest.BodyPublisher noBody() {
    return HttpRequest.BodyPublishers.noBody();
  }

  private static HttpResponse<byte[]> bytes(HttpRequest r) {
    return c.call(r, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) if (!e.isDirectory()) out.put(e.getName(), in.readAllBytes());
    }
    return out;
  }

  private static void part(OutputStream body, String boundary, String name, byte[] content) throws IOException {
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filenames\"; filename=\"" + name
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write("\r\n".getBytes(StandardCharsets.UTF_8));
  }

  /** alice's transfer records of {@code path} (the admin's transfer log). */
  private static List<JsonNode> transfers(String path) {
    Response r = c.get("/v1/adm/transfers?username=alice&limit=500", V2Client.basic("admin", TestServers.ADMIN_PASSWORD));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().path("items").forEach(t -> {
      if (t.path("source").asText().endsWith(":" + path) || t.path("destination").asText().endsWith(":" + path))
        out.add(t);
    });
    return out;
  }

  private static void awaitTransfer(String path, boolean ok) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (transfers(path).stream().anyMatch(t -> t.path("ok").asBoolean() == ok
          && t.path("protocol").asText().equals("HTTPShare"))) return;
      Thread.onSpinWait();
      Thread.sleep(50); // polling a condition with a deadline, not a fixed wait
    }
    throw new AssertionError("no " + (ok ? "ok" : "failed") + " HTTPShare transfer of " + path + ": " + transfers(path));
  }
}
