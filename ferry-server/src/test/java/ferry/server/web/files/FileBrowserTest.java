package ferry.server.web.files;

import static ferry.server.web.files.FileWeb.enc;
import static ferry.server.web.files.FileWeb.items;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web client's file browser: paging, sort, search, actions, zip, quota panel, German. */
class FileBrowserTest {
  @TempDir static Path dir;
  static FerryServer server;

  @BeforeAll
  static void start() {
    server = V2Client.startServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aFolderIsPagedSortedAndSizedOnTheServer() throws Exception {
    Path home = FileWeb.user(server, dir, "pager", Map.of());
    for (int i = 0; i < 120; i++) {
      Path f = Files.writeString(home.resolve(String.format("f%03d.txt", i)), "x".repeat(i));
      Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 60L)));
    }
    Files.createDirectories(home.resolve("zdir"));
    Files.createDirectories(home.resolve("adir"));
    WebClient web = FileWeb.login(server, "pager");

    WebClient.Page first = web.get("/web/client/files?path=/&size=25");
    assertThat(first.status()).isEqualTo(200);
    assertThat(items(first.body())).hasSize(25).startsWith("/adir", "/zdir", "/f000.txt", "/f001.txt");
    assertThat(first.body()).contains("1-25 of 122").contains("page 1 of 5")
        .contains("<select name=\"size\" id=\"files-page-size\">").contains("<option value=\"500\"")
        .contains("<option value=\"25\" selected").contains("id=\"listing\"")
        .contains("<section id=\"uploads\" data-upload-target=\"/\"></section>");

    assertThat(items(web.get("/web/client/files?path=/&size=25&page=5").body()))
        .hasSize(22).endsWith("/f119.txt");
    assertThat(items(web.get("/web/client/files?path=/&size=100&page=2").body())).hasSize(22);
    assertThat(items(web.get("/web/client/files?path=/").body())).hasSize(50); // the default size
    assertThat(items(web.get("/web/client/files?path=/&sort=size&dir=desc&size=25").body()))
        .startsWith("/zdir", "/adir", "/f119.txt", "/f118.txt");
    assertThat(items(web.get("/web/client/files?path=/&sort=modified&dir=desc&size=25").body()))
        .contains("/f119.txt").doesNotContain("/f000.txt");
    // nonsense values fall back to the defaults
    assertThat(items(web.get("/web/client/files?path=/&size=7&page=-3&sort=evil").body())).hasSize(50);

    // htmx gets the listing alone, to swap into #listing
    WebClient.Page fragment = web.htmxGet("/web/client/files?path=/&size=25&page=2");
    assertThat(fragment.body()).doesNotContain("<html").doesNotContain("id=\"uploads\"").contains("26-50 of 122");
    assertThat(items(fragment.body())).hasSize(25);
  }

  @Test
  void aSearchFindsNamesBelowTheFolder() throws Exception {
    Path home = FileWeb.user(server, dir, "seeker", Map.of());
    Files.createDirectories(home.resolve("a/b/c"));
    Files.writeString(home.resolve("a/b/c/Report-2026.pdf"), "r");
    Files.writeString(home.resolve("a/report.txt"), "r");
    Files.writeString(home.resolve("other.txt"), "o");
    Files.createDirectories(home.resolve("reports"));
    WebClient web = FileWeb.login(server, "seeker");

    WebClient.Page p = web.get("/web/client/files?path=/&q=report");
    assertThat(items(p.body())).containsExactlyInAnyOrder("/reports", "/a/report.txt", "/a/b/c/Report-2026.pdf");
    assertThat(p.body()).contains("a/b/c/Report-2026.pdf").contains("Results for \"report\": 3");
    assertThat(items(web.get("/web/client/files?path=/a/b&q=REPORT").body())).containsExactly("/a/b/c/Report-2026.pdf");
    assertThat(items(web.get("/web/client/files?path=/&q=nothing-like-it").body())).isEmpty();
  }

  @Test
  void foldersAreMadeRenamedCopiedMovedAndDeleted() throws Exception {
    Path home = FileWeb.user(server, dir, "mover", Map.of());
    Files.writeString(home.resolve("one.txt"), "1");
    Files.writeString(home.resolve("two.txt"), "2");
    WebClient web = FileWeb.login(server, "mover");
    web.get("/web/client/files?path=/");

    WebClient.Page made = web.postForm("/web/client/files/mkdir", Map.of("path", "/", "name", "box"));
    assertThat(made.status()).isEqualTo(303);
    assertThat(made.header("Location")).contains("done=mkdir");
    assertThat(home.resolve("box")).isDirectory();
    assertThat(web.get(made.header("Location")).body()).contains("Folder created.");

    assertThat(web.postForm("/web/client/files/rename", Map.of("item", "/one.txt", "name", "uno.txt")).status())
        .isEqualTo(303);
    assertThat(home.resolve("uno.txt")).hasContent("1");
    assertThat(home.resolve("one.txt")).doesNotExist();

    assertThat(FileWeb.postItems(web, "/web/client/files/copy", List.of("/uno.txt", "/two.txt"),
        Map.of("path", "/", "target", "box")).statusCode()).isEqualTo(303);
    assertThat(home.resolve("box/uno.txt")).hasContent("1");
    assertThat(home.resolve("uno.txt")).exists();

    assertThat(FileWeb.postItems(web, "/web/client/files/move", List.of("/two.txt"),
        Map.of("path", "/", "target", "/box/inner")).statusCode()).isNotEqualTo(303); // no such folder
    Files.createDirectories(home.resolve("box/inner"));
    assertThat(FileWeb.postItems(web, "/web/client/files/move", List.of("/two.txt"),
        Map.of("path", "/", "target", "/box/inner")).statusCode()).isEqualTo(303);
    assertThat(home.resolve("box/inner/two.txt")).hasContent("2");
    assertThat(home.resolve("two.txt")).doesNotExist();

    WebClient.Page item = web.get("/web/client/files/item?path=" + enc("/box"));
    assertThat(item.status()).isEqualTo(200);
    assertThat(item.body()).contains("action=\"/web/client/files/rename\"").contains("value=\"/box\"");
    assertThat(web.get("/web/client/files/item?path=/").status()).isEqualTo(422);

    // a rename onto an existing name is refused, nothing replaced
    WebClient.Page clash = web.postForm("/web/client/files/rename", Map.of("item", "/box/uno.txt", "name", "inner"));
    assertThat(clash.status()).isEqualTo(409);

    // delete asks first, then deletes the folder with what is in it
    HttpResponse<byte[]> ask = FileWeb.postItems(web, "/web/client/files/delete", List.of("/box"), Map.of("path", "/"));
    assertThat(ask.statusCode()).isEqualTo(200);
    assertThat(new String(ask.body())).contains("Delete for good").contains("name=\"confirmed\" value=\"1\"");
    assertThat(home.resolve("box")).exists();
    assertThat(FileWeb.postItems(web, "/web/client/files/delete", List.of("/box", "/uno.txt"),
        Map.of("path", "/", "confirmed", "1")).statusCode()).isEqualTo(303);
    assertThat(home.resolve("box")).doesNotExist();
    assertThat(home.resolve("uno.txt")).doesNotExist();

    // a bad name names the problem
    WebClient.Page bad = web.postForm("/web/client/files/mkdir", Map.of("path", "/", "name", "a/b"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("A name must not contain / or \\.");
  }

  @Test
  void aSelectionDownloadsAsOneZip() throws Exception {
    Path home = FileWeb.user(server, dir, "zipper", Map.of());
    Files.createDirectories(home.resolve("docs/sub"));
    Files.writeString(home.resolve("docs/sub/deep.txt"), "deep");
    Files.writeString(home.resolve("top.txt"), "top");
    Files.writeString(home.resolve("left-out.txt"), "no");
    WebClient web = FileWeb.login(server, "zipper");
    web.get("/web/client/files?path=/");

    HttpResponse<byte[]> zip = FileWeb.postItems(web, "/web/client/files/zip", List.of("/docs", "/top.txt"), Map.of());
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(zip.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    Map<String, String> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; )
        if (!e.isDirectory()) entries.put(e.getName(), new String(in.readAllBytes()));
    }
    assertThat(entries).containsEntry("top.txt", "top").containsEntry("docs/sub/deep.txt", "deep")
        .doesNotContainKey("left-out.txt");

    HttpResponse<byte[]> one = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri("/web/client/files/download?path="
        + enc("/top.txt"))).GET());
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
    assertThat(new String(one.body())).isEqualTo("top");
  }

  @Test
  void theQuotaPanelShowsUseAgainstTheLimit() throws Exception {
    FileWeb.user(server, dir, "quoted", Map.of("quota_size", 10_485_760, "quota_files", 100));
    WebClient web = FileWeb.login(server, "quoted");
    web.get("/web/client/files?path=/");
    HttpResponse<byte[]> up = FileWeb.bytes(web, HttpRequest.newBuilder(web.uri("/api/v2/user/files/upload?path=/q.bin"))
        .header("Authorization", "Bearer " + new V2Client(server).userToken("quoted", FileWeb.PW))
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2048])));
    assertThat(up.statusCode()).isEqualTo(201);
    String body = web.get("/web/client/files?path=/").body();
    assertThat(body).contains("<progress max=\"10485760\" value=\"2048\"").contains("<progress max=\"100\" value=\"1\"")
        .contains("2 KiB of 10 MiB");
  }

  @Test
  void theFilePagesSpeakGerman() throws Exception {
    Path home = FileWeb.user(server, dir, "deutsch", Map.of());
    Files.writeString(home.resolve("a.txt"), "a");
    WebClient web = FileWeb.login(server, "deutsch");
    WebClient.Page p = web.send(HttpRequest.newBuilder(web.uri("/web/client/files?path=/"))
        .header("Accept-Language", "de-DE,de;q=0.9").GET());
    assertThat(p.body()).contains("lang=\"de\"").contains("Einträge pro Seite").contains("Neuer Ordner")
        .contains("Auswahl als ZIP herunterladen").contains("1-1 von 1");
    WebClient.Page gone = web.send(HttpRequest.newBuilder(web.uri("/web/client/files?path=/nowhere"))
        .header("Accept-Language", "de").GET());
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body()).contains("Datei oder Ordner nicht gefunden");
  }
}
