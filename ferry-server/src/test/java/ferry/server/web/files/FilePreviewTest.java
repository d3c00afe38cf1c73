package ferry.server.web.files;

import static ferry.server.web.files.FileWeb.enc;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preview and raw (Range), the profile, and that a user reaches only its own files. */
class FilePreviewTest {
  @TempDir static Path dir;
  static FerryServer server;
  static Path aliceHome;

  @BeforeAll
  static void start() throws Exception {
    server = V2Client.startServer(dir);
    aliceHome = FileWeb.user(server, dir, "alice", Map.of());
    Files.writeString(aliceHome.resolve("alice-secret.txt"), "ALICE-ONLY");
    Files.createDirectories(aliceHome.resolve("shared"));
    Files.writeString(aliceHome.resolve("shared/s.txt"), "ALICE-SHARED");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) i;
    return b;
  }

  @Test
  void rawAnswersRangesWith206And416() throws Exception {
    Path home = FileWeb.user(server, dir, "ranger", Map.of());
    Files.write(home.resolve("clip.mp4"), bytes(100));
    WebClient web = FileWeb.login(server, "ranger");
    String raw = "/web/client/files/raw?path=" + enc("/clip.mp4");

    HttpResponse<byte[]> part = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri(raw)).header("Range", "bytes=10-19").GET());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(bytes(100), 10, 20));
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 10-19/100");
    assertThat(part.headers().firstValue("Content-Type")).hasValue("video/mp4");
    assertThat(part.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(part.headers().firstValue("Content-Security-Policy").orElse("")).contains("sandbox")
        .contains("frame-ancestors 'self'");
    assertThat(part.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");

    HttpResponse<byte[]> beyond = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri(raw)).header("Range", "bytes=100-").GET());
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */100");

    HttpResponse<byte[]> whole = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri(raw)).GET());
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).hasSize(100);

    String page = web.get("/web/client/files/preview?path=" + enc("/clip.mp4")).body();
    assertThat(page).contains("<video src=\"" + raw.replace("&", "&amp;") + "\" controls");
  }

  @Test
  void userHtmlIsNeverServedAsHtml() throws Exception {
    Path home = FileWeb.user(server, dir, "htmler", Map.of());
    Files.writeString(home.resolve("page.html"), "<script>alert(1)</script><h1>hi</h1>");
    Files.writeString(home.resolve("pic.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(2)</script></svg>");
    Files.write(home.resolve("tool.exe"), bytes(10));
    Files.write(home.resolve("doc.pdf"), bytes(10));
    WebClient web = FileWeb.login(server, "htmler");

    for (String name : List.of("page.html", "pic.svg")) {
      HttpResponse<byte[]> raw = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri("/web/client/files/raw?path="
          + enc("/" + name))).GET());
      assertThat(raw.statusCode()).isEqualTo(200);
      assertThat(raw.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(raw.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
    HttpResponse<byte[]> exe = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri("/web/client/files/raw?path="
        + enc("/tool.exe"))).GET());
    assertThat(exe.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(exe.headers().firstValue("Content-Type")).hasValue("application/octet-stream");

    WebClient.Page preview = web.get("/web/client/files/preview?path=" + enc("/page.html"));
    assertThat(preview.header("Content-Type")).startsWith("text/html"); // Ferry's own page, with the text escaped
    assertThat(preview.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
    HttpResponse<byte[]> pdf = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri("/web/client/files/raw?path="
        + enc("/doc.pdf"))).GET());
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(pdf.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(pdf.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'self'");
    assertThat(pdf.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    assertThat(web.get("/web/client/files/preview?path=" + enc("/doc.pdf")).body())
        .contains("<iframe src=\"/web/client/files/raw?path=%2Fdoc.pdf\"");
  }

  @Test
  void aTextPreviewShowsTheFirst256KiB() throws Exception {
    Path home = FileWeb.user(server, dir, "reader", Map.of());
    Files.writeString(home.resolve("big.log"), "A".repeat(256 * 1024) + "TAIL-NOT-SHOWN");
    WebClient web = FileWeb.login(server, "reader");
    String body = web.get("/web/client/files/preview?path=" + enc("/big.log")).body();
    assertThat(body).contains("Only the first 256 KiB are shown").doesNotContain("TAIL-NOT-SHOWN").contains("AAAA");
  }

  @Test
  void editingTheUrlNeverReachesAnotherUsersFiles() throws Exception {
    Path home = FileWeb.user(server, dir, "bob", Map.of());
    Files.writeString(home.resolve("bob.txt"), "BOB");
    WebClient bob = FileWeb.login(server, "bob");
    String aliceAbs = aliceHome.toString();
    List<String> tries = List.of(
        "/web/client/files?path=" + enc("/../alice"),
        "/web/client/files?path=" + enc("../alice/shared"),
        "/web/client/files?path=" + enc(aliceAbs),
        "/web/client/files?path=" + enc("/..") + "&q=alice",
        "/web/client/files/raw?path=" + enc("../../etc/passwd"),
        "/web/client/files/raw?path=" + enc("/../alice/alice-secret.txt"),
        "/web/client/files/raw?path=" + enc(aliceAbs + "/alice-secret.txt"),
        "/web/client/files/download?path=" + enc("/../../alice/alice-secret.txt"),
        "/web/client/files/preview?path=" + enc("//alice/alice-secret.txt"),
        "/web/client/files/preview?path=" + enc("/%2e%2e/alice/alice-secret.txt"),
        "/web/client/files/item?path=" + enc("/../alice/shared/s.txt"),
        "/web/client/files?path=" + enc("/alice/shared"),
        "/web/client/files/raw?path=" + enc("/etc/passwd"));
    for (String t : tries) {
      HttpResponse<byte[]> r = FileWeb.bytes(bob, HttpRequest.newBuilder(bob.uri(t)).GET());
      String body = new String(r.body());
      assertThat(body).as(t).doesNotContain("ALICE-ONLY").doesNotContain("ALICE-SHARED").doesNotContain("alice-secret.txt\"")
          .doesNotContain("root:x:0:0");
      assertThat(r.statusCode()).as(t).isIn(400, 404, 422);
    }
    // a search runs in bob's home only
    assertThat(FileWeb.items(bob.get("/web/client/files?path=/&q=alice").body())).isEmpty();
    assertThat(FileWeb.items(bob.get("/web/client/files?path=/&q=bob").body())).containsExactly("/bob.txt");
    // and a change aimed at alice's files touches nothing of hers
    bob.get("/web/client/files?path=/");
    FileWeb.postItems(bob, "/web/client/files/delete", List.of("/../alice/alice-secret.txt", aliceAbs + "/alice-secret.txt"),
        Map.of("path", "/", "confirmed", "1"));
    FileWeb.postItems(bob, "/web/client/files/copy", List.of("/bob.txt"), Map.of("path", "/", "target", aliceAbs));
    HttpResponse<byte[]> zip = FileWeb.postItems(bob, "/web/client/files/zip", List.of("/../alice"), Map.of());
    assertThat(zip.statusCode()).isIn(400, 404, 422);
    assertThat(aliceHome.resolve("alice-secret.txt")).hasContent("ALICE-ONLY");
    assertThat(aliceHome.resolve("bob.txt")).doesNotExist();
  }

  @Test
  void aPasswordChangeEndsTheUsersOtherSessions() {
    FileWeb.user(server, dir, "carol", Map.of());
    WebClient one = FileWeb.login(server, "carol");
    WebClient two = FileWeb.login(server, "carol");
    assertThat(two.get("/web/client/files?path=/").status()).isEqualTo(200);

    one.get("/web/client/profile");
    WebClient.Page wrong = one.postForm("/web/client/profile/password", Map.of("current_password", "nope",
        "new_password", "Brand-new-pw-2", "repeat_password", "Brand-new-pw-2"));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).contains("The current password is wrong.");
    assertThat(two.get("/web/client/files?path=/").status()).isEqualTo(200);

    WebClient.Page changed = one.postForm("/web/client/profile/password", Map.of("current_password", FileWeb.PW,
        "new_password", "Brand-new-pw-2", "repeat_password", "Brand-new-pw-2"));
    assertThat(changed.status()).isEqualTo(303);
    assertThat(two.get("/web/client/files?path=/").status()).isEqualTo(303); // to the login page
    WebClient.Page still = one.get("/web/client/profile?done=password");
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.body()).contains("Password changed.");
    assertThat(one.get("/web/client/files?path=/").status()).isEqualTo(200);
    WebClient.of(server).loginUser("carol", "Brand-new-pw-2");
  }

  @Test
  void sshKeysAreAddedAndRemoved() {
    FileWeb.user(server, dir, "keyholder", Map.of());
    WebClient web = FileWeb.login(server, "keyholder");
    web.get("/web/client/profile");
    String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpxZ753JTWBKmkSOqVvmujK3cOhRmK6WwqjXBJ9UR8c k@test";
    assertThat(web.postForm("/web/client/profile/keys", Map.of("key", key)).status()).isEqualTo(303);
    WebClient.Page p = web.get("/web/client/profile?done=key_added");
    assertThat(p.body()).contains("AAAAC3NzaC1lZDI1NTE5AAAAIJpxZ753JTWBKmkSOqVvmujK3cOhRmK6WwqjXBJ9UR8c").contains("Key added.");
    WebClient.Page bad = web.postForm("/web/client/profile/keys", Map.of("key", "not a key"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("role=\"alert\"");
    assertThat(web.postForm("/web/client/profile/keys/remove", Map.of("key", key)).status()).isEqualTo(303);
    assertThat(web.get("/web/client/profile").body()).contains("No keys yet.");
  }
}
