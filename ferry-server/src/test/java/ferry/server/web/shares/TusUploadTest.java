package ferry.server.web.shares;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web client's tus endpoint, /web/client/tus, with raw HTTP: the protocol and the file core behind it. */
class TusUploadTest {
  static final String BASE = "/web/client/tus";

  @TempDir static Path dir;
  static FerryServer server;
  static Path alice;

  @BeforeAll
  static void start() throws IOException {
    server = WebShareFixture.start(dir);
    alice = WebShareFixture.createUser(server, dir, "alice", null, 0);
    WebShareFixture.createUser(server, dir, "bob", null, 0);
    WebShareFixture.createUser(server, dir, "carol", "*.exe", 1000);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static WebClient login(String user) {
    WebClient w = WebClient.of(server).loginUser(user, WebShareFixture.PW);
    w.get("/web/client/uploads"); // a page of the session: its CSRF token
    return w;
  }

  @Test
  void aFileArrivesInTwoPatchesAndAppearsOnlyWhenComplete() throws Exception {
    WebClient w = login("alice");
    byte[] data = new byte[300_000];
    new Random(1).nextBytes(data);
    Files.createDirectories(alice.resolve("in"));
    WebClient.Page c = Tus.create(w, BASE, data.length, Tus.metadata("half.bin", null, "/in"));
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    assertThat(c.header("Tus-Resumable")).isEqualTo("1.0.0");
    assertThat(c.header("Upload-Expires")).isNotBlank();
    String loc = c.header("Location");
    assertThat(loc).startsWith(BASE + "/");

    WebClient.Page p1 = Tus.patch(w, loc, 0, data, 0, 150_000);
    assertThat(p1.status()).as(p1.body()).isEqualTo(204);
    assertThat(p1.header("Upload-Offset")).isEqualTo("150000");
    assertThat(alice.resolve("in/half.bin")).doesNotExist();

    WebClient.Page h = Tus.head(w, loc);
    assertThat(h.status()).isEqualTo(200);
    assertThat(h.header("Upload-Offset")).isEqualTo("150000");
    assertThat(h.header("Upload-Length")).isEqualTo("300000");
    assertThat(h.header("Cache-Control")).isEqualTo("no-store");
    assertThat(h.header("Tus-Resumable")).isEqualTo("1.0.0");

    WebClient.Page p2 = Tus.patch(w, loc, 150_000, data, 150_000, data.length);
    assertThat(p2.status()).as(p2.body()).isEqualTo(204);
    assertThat(p2.header("Upload-Offset")).isEqualTo("300000");
    assertThat(Files.readAllBytes(alice.resolve("in/half.bin"))).isEqualTo(data);
    assertThat(recordedSha256("alice", "/in/half.bin")).isEqualTo(WebShareFixture.sha256(data));
    assertThat(Tus.head(w, loc).status()).isEqualTo(404); // published: the staged upload is gone
  }

  @Test
  void aPatchAtAnotherOffsetIsAConflict() {
    WebClient w = login("alice");
    byte[] data = new byte[1000];
    String loc = Tus.create(w, BASE, data.length, Tus.metadata("conflict.bin", null, "/")).header("Location");
    assertThat(Tus.patch(w, loc, 0, data, 0, 100).status()).isEqualTo(204);
    WebClient.Page wrong = Tus.patch(w, loc, 50, data, 50, 200);
    assertThat(wrong.status()).isEqualTo(409);
    assertThat(wrong.header("Upload-Offset")).isEqualTo("100");
    assertThat(Tus.head(w, loc).header("Upload-Offset")).isEqualTo("100");
  }

  @Test
  void aRefusedPatternIsRefusedAtCreationWithTheRule() {
    WebClient w = login("carol");
    WebClient.Page c = Tus.create(w, BASE, 10, Tus.metadata("setup.exe", null, "/"));
    assertThat(c.status()).isEqualTo(403);
    assertThat(c.header("Location")).isNull();
    assertThat(c.body()).contains("setup.exe").contains("file patterns");
    assertThat(WebShareFixture.home(dir, "carol").resolve("setup.exe")).doesNotExist();
  }

  @Test
  void anUploadPastTheQuotaIsRefusedAtCreationWithTheReason() {
    WebClient w = login("carol");
    WebClient.Page c = Tus.create(w, BASE, 5000, Tus.metadata("big.txt", null, "/"));
    assertThat(c.status()).isEqualTo(413);
    assertThat(c.header("Location")).isNull();
    assertThat(c.body()).contains("quota").contains("1000");
  }

  @Test
  void theReasonComesInGerman() {
    WebClient w = login("carol");
    WebClient.Page c = w.send(HttpRequest.newBuilder(w.uri(BASE)).header("Tus-Resumable", "1.0.0")
        .header("Accept-Language", "de").header("Upload-Length", "10")
        .header("Upload-Metadata", Tus.metadata("x.exe", null, "/")).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(c.status()).isEqualTo(403);
    assertThat(c.body()).contains("Dateimustern");
  }

  @Test
  void anotherUserCannotSeeOrWriteMyUpload() {
    WebClient a = login("alice");
    byte[] data = new byte[100];
    String loc = Tus.create(a, BASE, data.length, Tus.metadata("mine.bin", null, "/")).header("Location");
    WebClient b = login("bob");
    assertThat(Tus.head(b, loc).status()).isEqualTo(404);
    assertThat(Tus.patch(b, loc, 0, data, 0, data.length).status()).isEqualTo(404);
    assertThat(Tus.delete(b, loc).status()).isEqualTo(404);
    assertThat(Tus.head(a, loc).header("Upload-Offset")).isEqualTo("0");
  }

  @Test
  void aRelativePathMakesItsFolders() {
    WebClient w = login("alice");
    byte[] data = "nested".getBytes();
    WebClient.Page done = Tus.upload(w, BASE, data, Tus.metadata("c.txt", "tree/a/b/c.txt", "/up"));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(alice.resolve("up/tree/a/b/c.txt")).hasContent("nested");
  }

  @Test
  void optionsVersionAndTermination() {
    WebClient w = login("alice");
    WebClient.Page o = w.send(HttpRequest.newBuilder(w.uri(BASE)).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(o.status()).isEqualTo(204);
    assertThat(o.header("Tus-Version")).isEqualTo("1.0.0");
    assertThat(o.header("Tus-Extension")).contains("creation").contains("termination").contains("expiration");
    assertThat(o.header("Tus-Max-Size")).isNotBlank();
    WebClient.Page old = w.send(HttpRequest.newBuilder(w.uri(BASE)).header("Tus-Resumable", "0.2.2")
        .header("Upload-Length", "1").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(old.status()).isEqualTo(412);
    String loc = Tus.create(w, BASE, 10, Tus.metadata("gone.bin", null, "/")).header("Location");
    assertThat(Tus.delete(w, loc).status()).isEqualTo(204);
    assertThat(Tus.head(w, loc).status()).isEqualTo(404);
    assertThat(alice.resolve("gone.bin")).doesNotExist();
  }

  @Test
  void withoutASessionNothingIsAccepted() {
    WebClient anon = WebClient.of(server);
    anon.get("/web/client/login");
    assertThat(Tus.create(anon, BASE, 10, Tus.metadata("x.bin", null, "/")).status()).isEqualTo(401);
  }

  @Test
  void anUploadStopsWithItsSession() {
    WebClient w = login("alice");
    byte[] data = new byte[100];
    String loc = Tus.create(w, BASE, data.length, Tus.metadata("late.bin", null, "/")).header("Location");
    assertThat(w.postForm("/web/client/logout", java.util.Map.of()).status()).isEqualTo(303);
    assertThat(Tus.patch(w, loc, 0, data, 0, data.length).status()).isEqualTo(401);
    assertThat(alice.resolve("late.bin")).doesNotExist();
    WebClient again = login("alice");
    assertThat(Tus.head(again, loc).header("Upload-Offset")).isEqualTo("0"); // resumable in the next session
    assertThat(Tus.patch(again, loc, 0, data, 0, data.length).status()).isEqualTo(204);
    assertThat(alice.resolve("late.bin")).exists();
  }

  /** The SHA-256 of the successful upload of {@code path} in the transfer log, waiting for it to be written. */
  static String recordedSha256(String user, String path) throws InterruptedException {
    V2Client api = new V2Client(server);
    Instant until = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(until)) {
      JsonNode items = api.get("/v1/adm/transfers?username=" + user + "&ok=true&limit=500",
          V2Client.basic("admin", TestServers.ADMIN_PASSWORD)).json().path("items");
      for (JsonNode t : items)
        if (t.path("path").asText().equals(path) && t.path("direction").asText().equalsIgnoreCase("upload"))
          return t.path("sha256").asText();
      Thread.sleep(50);
    }
    throw new AssertionError("no transfer record of " + path);
  }
}
