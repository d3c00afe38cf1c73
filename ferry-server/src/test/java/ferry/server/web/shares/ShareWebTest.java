package ferry.server.web.shares;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.web.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's shares pages and the public share pages: gate, browse, zip, direct link, uploads into a write share. */
class ShareWebTest {
  @TempDir static Path dir;
  static FerryServer server;
  static Path alice;
  static byte[] big;

  @BeforeAll
  static void start() throws IOException {
    server = WebShareFixture.start(dir);
    alice = WebShareFixture.createUser(server, dir, "alice", null, 0);
    big = new byte[200_000];
    new Random(3).nextBytes(big);
    Files.createDirectories(alice.resolve("docs/sub"));
    Files.createDirectories(alice.resolve("inbox"));
    Files.writeString(alice.resolve("docs/a.txt"), "alpha");
    Files.write(alice.resolve("docs/sub/b.bin"), big);
    Files.writeString(alice.resolve("single.txt"), "just one file");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static WebClient owner() {
    WebClient w = WebClient.of(server).loginUser("alice", WebShareFixture.PW);
    w.get("/web/client/shares");
    return w;
  }

  /** Creates a share through the form and returns its id, read from the list page. */
  static String createShare(WebClient w, String name, int scope, String paths, String password, int maxUses) {
    w.get("/web/client/shares/new");
    Map<String, String> f = new LinkedHashMap<>(Map.of("name", name, "description", "", "scope",
        Integer.toString(scope), "paths", paths, "password", password, "expires", "", "max_tokens",
        Integer.toString(maxUses), "allow_from", ""));
    WebClient.Page saved = w.postForm("/web/client/shares", f);
    assertThat(saved.status()).as(saved.body()).isEqualTo(303);
    WebClient.Page list = w.get("/web/client/shares");
    Matcher m = Pattern.compile("<tr data-share=\"([^\"]+)\">\\s*<td><a href=\"[^\"]+\">" + Pattern.quote(name) + "</a>")
        .matcher(list.body());
    assertThat(m.find()).as(list.body()).isTrue();
    return m.group(1);
  }

  static WebClient visitor(String id) {
    WebClient v = WebClient.of(server);
    v.get("/web/shares/" + id);
    return v;
  }

  @Test
  void aPasswordShareOpensWithTheRightPasswordAndDownloadsAsZip() throws Exception {
    String id = createShare(owner(), "docs-gated", 1, "/docs", "Gate-Pw-123", 0);
    WebClient v = WebClient.of(server);
    WebClient.Page gate = v.get("/web/shares/" + id);
    assertThat(gate.status()).isEqualTo(401);
    assertThat(gate.body()).contains("id=\"share-gate\"").doesNotContain("a.txt");

    WebClient.Page wrong = v.postForm("/web/shares/" + id + "/unlock", Map.of("password", "nope"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong password");
    assertThat(v.get("/web/shares/" + id + "/zip").status()).isEqualTo(401);

    WebClient.Page right = v.postForm("/web/shares/" + id + "/unlock", Map.of("password", "Gate-Pw-123"));
    assertThat(right.status()).isEqualTo(303);
    assertThat(right.header("Set-Cookie")).contains("Path=/web/shares/" + id).contains("HttpOnly")
        .containsIgnoringCase("SameSite=Strict");
    WebClient.Page page = v.get("/web/shares/" + id);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("a.txt").contains("sub/").contains("id=\"listing\"");
    assertThat(v.get("/web/shares/" + id + "?path=/sub").body()).contains("b.bin");

    Map<String, byte[]> zip = unzip(v, "/web/shares/" + id + "/zip");
    assertThat(zip).containsKeys("docs/a.txt", "docs/sub/b.bin");
    assertThat(zip.get("docs/sub/b.bin")).isEqualTo(big);
    Map<String, byte[]> picked = unzip(v, "/web/shares/" + id + "/zip?path=/a.txt");
    assertThat(picked.keySet()).containsExactly("a.txt");

    HttpResponse<byte[]> one = v.http().send(HttpRequest.newBuilder(v.uri("/web/shares/" + id
        + "/download?path=/sub/b.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).isEqualTo(big);
  }

  /** The entries of the zip at {@code path}, read with java.util.zip. */
  static Map<String, byte[]> unzip(WebClient v, String path) throws Exception {
    HttpResponse<InputStream> r = v.http().send(HttpRequest.newBuilder(v.uri(path)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    Map<String, byte[]> out = new HashMap<>();
    try (ZipInputStream z = new ZipInputStream(r.body())) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) if (!e.isDirectory()) out.put(e.getName(), z.readAllBytes());
    }
    return out;
  }

  @Test
  void aWriteShareTakesTusUploadsIntoItsFolderOnly() {
    String id = createShare(owner(), "inbox-w", 2, "/inbox", "", 0);
    WebClient v = visitor(id);
    WebClient.Page page = v.get("/web/shares/" + id);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"upload-files\"").contains("id=\"upload-folder\"")
        .contains("data-endpoint=\"/web/shares/" + id + "/tus\"").doesNotContain("id=\"listing\"");
    String base = "/web/shares/" + id + "/tus";
    byte[] data = "dropped in".getBytes(StandardCharsets.UTF_8);
    WebClient.Page c = Tus.create(v, base, data.length, Tus.metadata("drop.txt", "box/drop.txt", "/"));
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    String loc = c.header("Location");
    assertThat(loc).startsWith(base + "/");
    assertThat(Tus.patch(v, loc, 0, data, 0, 4).status()).isEqualTo(204);
    assertThat(alice.resolve("inbox/box/drop.txt")).doesNotExist();
    assertThat(Tus.patch(v, loc, 4, data, 4, data.length).status()).isEqualTo(204);
    assertThat(alice.resolve("inbox/box/drop.txt")).hasContent("dropped in");

    WebClient.Page escape = Tus.upload(v, base, data, Tus.metadata("escape.txt", "../../escape.txt", "/"));
    assertThat(escape.status()).isEqualTo(204);
    assertThat(alice.resolve("inbox/escape.txt")).exists();
    assertThat(alice.resolve("escape.txt")).doesNotExist();

    WebClient other = visitor(id);
    assertThat(Tus.head(other, loc).status()).isEqualTo(404); // the upload was published and is gone
  }

  @Test
  void aShareWithOneUseFinishesItsUploadOnThatUse() {
    String id = createShare(owner(), "one-use", 2, "/inbox", "", 1);
    WebClient v = visitor(id);
    String base = "/web/shares/" + id + "/tus";
    byte[] data = new byte[1000];
    String loc = Tus.create(v, base, data.length, Tus.metadata("once.bin", null, "/")).header("Location");
    assertThat(Tus.patch(v, loc, 0, data, 0, 500).status()).isEqualTo(204);
    assertThat(Tus.patch(v, loc, 500, data, 500, 1000).status()).isEqualTo(204);
    assertThat(alice.resolve("inbox/once.bin")).exists();
    assertThat(Tus.create(v, base, 10, Tus.metadata("twice.bin", null, "/")).status()).isEqualTo(404);
  }

  @Test
  void theDirectLinkOfAOneFileShareWorksLikeCurl() throws Exception {
    WebClient w = owner();
    String id = createShare(w, "single", 1, "/single.txt", "Curl-Pw-9", 0);
    assertThat(w.get("/web/client/shares").body())
        .contains("data-copy=\"" + server.url() + "/web/shares/" + id + "/file/single.txt\"");
    WebClient curl = WebClient.of(server);
    String link = "/web/shares/" + id + "/file/single.txt";
    HttpResponse<String> none = curl.http().send(HttpRequest.newBuilder(curl.uri(link)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(401);
    String basic = "Basic " + Base64.getEncoder().encodeToString(":Curl-Pw-9".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = curl.http().send(HttpRequest.newBuilder(curl.uri(link)).header("Authorization", basic)
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("just one file");
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("single.txt");
    assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");

    WebClient v = visitor(id);
    assertThat(v.postForm("/web/shares/" + id + "/unlock", Map.of("password", "Curl-Pw-9")).status()).isEqualTo(303);
    assertThat(v.get("/web/shares/" + id).body()).contains("href=\"" + link + "\"").doesNotContain("id=\"listing\"");
  }

  @Test
  void sharesAreEditedAndDeletedOnTheirPages() {
    WebClient w = owner();
    String id = createShare(w, "to-edit", 1, "/docs", "", 0);
    WebClient.Page edit = w.get("/web/client/shares/" + id);
    assertThat(edit.body()).contains("value=\"to-edit\"");
    WebClient.Page bad = w.postForm("/web/client/shares/" + id, Map.of("name", "to-edit", "scope", "2", "paths",
        "/docs\n/inbox", "max_tokens", "0"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("id=\"share-error\"");
    WebClient.Page ok = w.postForm("/web/client/shares/" + id, Map.of("name", "edited", "scope", "3", "paths",
        "/docs", "max_tokens", "5", "allow_from", "127.0.0.0/8"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(303);
    String list = w.get("/web/client/shares").body();
    assertThat(list).contains(">edited</a>").contains("0 / 5").contains("read and write");
    w.get("/web/client/shares");
    assertThat(w.postForm("/web/client/shares/" + id + "/delete", Map.of()).status()).isEqualTo(303);
    assertThat(w.get("/web/client/shares").body()).doesNotContain(">edited</a>");
    assertThat(WebClient.of(server).get("/web/shares/" + id).status()).isEqualTo(404);
  }

  @Test
  void theSharesPagesSpeakGerman() {
    WebClient w = owner();
    createShare(w, "de-share", 1, "/docs", "", 0);
    WebClient.Page p = w.send(HttpRequest.newBuilder(w.uri("/web/client/shares")).header("Accept-Language", "de").GET());
    assertThat(p.body()).contains("Freigaben").contains("Neue Freigabe").contains("Link kopieren").contains("lesen");
    WebClient.Page up = w.send(HttpRequest.newBuilder(w.uri("/web/client/uploads/panel")).header("Accept-Language", "de")
        .GET());
    assertThat(up.body()).contains("Dateien hochladen").contains("Ordner hochladen").contains("id=\"upload-queue\"")
        .contains("data-endpoint=\"/web/client/tus\"").doesNotContain("<html");
  }
}
