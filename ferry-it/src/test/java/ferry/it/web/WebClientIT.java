package ferry.it.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.FerryProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.InvalidArgumentException;
import org.openqa.selenium.support.ui.Select;

/**
 * The web client in headless Chromium against a real {@code ferry serve} on HTTPS: every main page
 * (screenshots), a folder of 50 files uploaded with its structure, a 200 MB upload cut at half by
 * stopping the server that resumes after the restart and a reload, refused uploads (pattern, quota)
 * with their reason, a password-protected share opened in a second browser that downloads the zip,
 * and another user's paths unreachable by editing URLs.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientIT {
  static final String PASSWORD = "Client-Passw0rd-7";
  static final long BIG = 200L * 1024 * 1024;

  @RegisterExtension static final Browser BROWSER = new Browser();
  @TempDir static Path tmp;
  static FerryProcess server;
  static String base;
  static int port;
  static String shareLink;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("data")).unthrottled();
    base = server.url();
    port = URI.create(base).getPort();
    createUser("alice", 0, List.of());
    createUser("bob", 0, List.of());
    createUser("carol", 100_000, List.of("*.exe"));
    Files.writeString(home("alice").resolve("alice-secret.txt"), "alice-secret-content\n");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static Path home(String user) {
    return tmp.resolve("homes").resolve(user);
  }

  static void createUser(String name, long quota, List<String> denied) throws IOException {
    Files.createDirectories(home(name));
    String patterns = denied.isEmpty() ? "" : ",\"filters\":{\"file_patterns\":[{\"path\":\"/\",\"denied_patterns\":[\""
        + String.join("\",\"", denied) + "\"]}]}";
    server.api().expect(201, "POST", "/v1/adm/users", server.cliKey(), "{\"username\":\"" + name
        + "\",\"password\":\"" + PASSWORD + "\",\"home_dir\":\"" + home(name) + "\",\"permissions\":{\"/\":[\"*\"]},"
        + "\"quota_size\":" + quota + patterns + "}");
  }

  @Test
  @Order(1)
  void everyMainPageOfTheClientRendersCleanly() {
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/client/login");
    Pages.clean(w);
    BROWSER.screenshot("client-login");
    Pages.login(w, base, "client", "alice", PASSWORD);
    assertThat(w.path()).isEqualTo("/web/client/files");
    List<String> pages = new ArrayList<>(Pages.navLinks(w, "client"));
    pages.addAll(List.of("/web/client/uploads", "/web/client/shares/new"));
    List<String> missing = new ArrayList<>();
    for (String page : pages) {
      w.get(base + page);
      if (!w.path().equals(page)) {
        missing.add(page + " went to " + w.path());
        continue;
      }
      Pages.clean(w);
      BROWSER.screenshot("client-" + page.substring("/web/client/".length()).replace('/', '-'));
    }
    assertThat(missing).as("client pages that do not render").isEmpty();
  }

  @Test
  @Order(2)
  void aFolderOfFiftyFilesIsUploadedWithItsStructure() throws Exception {
    Browser.Window w = BROWSER.window();
    Path album = tmp.resolve("pick/album");
    List<String> rels = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String rel = "album/" + (i % 3 == 0 ? "" : i % 3 == 1 ? "raw/" : "raw/edited/") + "photo-" + i + ".txt";
      rels.add(rel);
      Path f = tmp.resolve("pick").resolve(rel);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "content of " + rel + "\n");
    }
    // the files page loads the upload panel into its uploads section
    w.get(base + "/web/client/files?path=/");
    String how;
    try {
      // chromedriver hands a directory to an <input webkitdirectory>, as a person picking a folder
      w.find("#upload-folder").sendKeys(album.toString());
      how = "sendKeys";
    } catch (InvalidArgumentException e) {
      dropFolder(w, rels);
      how = "drop";
    }
    System.out.println("WebClientIT: the folder was given to the page by " + how);
    awaitUploads(w, 50, Duration.ofSeconds(120));
    assertThat(w.all("#upload-errors li")).as("upload errors (" + how + ")").isEmpty();
    for (String rel : rels)
      assertThat(home("alice").resolve(rel)).as(rel + " (" + how + ")").hasContent("content of " + rel + "\n");
    w.until(d -> w.find("#listing").getText().contains("album")); // the listing refreshes after the uploads
    BROWSER.screenshot("client-uploads-folder");
  }

  /**
   * The folder dropped on the upload zone: a drop event whose DataTransfer holds a directory entry
   * (webkitGetAsEntry) over Files made in the page, which uploads.js walks as Chromium's own would.
   */
  static void dropFolder(Browser.Window w, List<String> rels) {
    w.js("""
        const rels = arguments[0];
        const dir = (name, children) => ({isFile: false, isDirectory: true, name,
          createReader() { let given = false; return {readEntries(ok) { ok(given ? [] : (given = true, children)); }}; }});
        const file = (name, content) => ({isFile: true, isDirectory: false, name,
          file(ok) { ok(new File([content], name, {type: 'text/plain'})); }});
        const tree = {};
        for (const rel of rels) {
          const parts = rel.split('/'); let node = tree;
          for (const p of parts.slice(0, -1)) node = node[p] = node[p] || {};
          node[parts[parts.length - 1]] = 'content of ' + rel + '\\n';
        }
        const entry = (name, v) => typeof v === 'string' ? file(name, v)
          : dir(name, Object.entries(v).map(([n, c]) => entry(n, c)));
        const top = Object.entries(tree).map(([n, c]) => entry(n, c));
        const ev = new Event('drop', {bubbles: true, cancelable: true});
        Object.defineProperty(ev, 'dataTransfer', {value: {files: [], items: top.map(e => ({webkitGetAsEntry: () => e}))}});
        document.querySelector('[data-drop]').dispatchEvent(ev);
        """, rels);
  }

  static void awaitUploads(Browser.Window w, int count, Duration timeout) {
    w.waiting(timeout).until(d -> {
      if (!w.all("#upload-errors li").isEmpty()) throw new AssertionError("an upload failed: " + w.find("#upload-errors").getText());
      Object done = w.js("return document.querySelectorAll('#upload-queue li[data-state=done]').length");
      return ((Number) done).intValue() >= count;
    });
  }

  @Test
  @Order(3)
  void aBigUploadCutAtHalfResumesAfterARestartAndReload() throws Exception {
    Path big = tmp.resolve("pick/big.bin");
    String sha = writeRandom(big, BIG);
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/client/uploads?path=/");
    w.find("#upload-files").sendKeys(big.toString());
    w.waiting(Duration.ofMinutes(3)).until(d -> percent(w) > 50);
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) w.js("return Object.keys(localStorage).filter(k => k.startsWith('tus::'))"
        + ".map(k => JSON.parse(localStorage.getItem(k)).uploadUrl).filter(u => u)");
    assertThat(urls).as("tus keeps the upload's URL for resuming").hasSize(1);
    String uploadUrl = urls.getFirst();

    // the cut: the page goes away (its retries with it) and the server stops mid-upload
    w.driver().get("about:blank");
    server.stop();
    server = FerryProcess.start(server.dataDir(), List.of("--http-port", String.valueOf(port)), Map.of());
    w.get(base + "/web/client/uploads?path=/");
    assertThat(w.path()).as("the web session outlives the restart").isEqualTo("/web/client/uploads");
    w.visible("#upload-queue li[data-file='big.bin'][data-state=paused]"); // waits for its file to be picked again
    Map<String, Object> head = Pages.fetch(w, "HEAD", uploadUrl, Map.of("Tus-Resumable", "1.0.0"), null);
    assertThat(Pages.status(head)).as("HEAD of the unfinished upload %s", head).isEqualTo(200);
    long offset = Long.parseLong(Pages.header(head, "Upload-Offset"));
    assertThat(offset).as("bytes the server kept of the first half").isGreaterThan(BIG / 4).isLessThan(BIG);

    // every request tus-js-client makes from now on, with its offset and body size
    w.js("""
        window.__tus = [];
        const open = XMLHttpRequest.prototype.open, header = XMLHttpRequest.prototype.setRequestHeader,
              send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.open = function (m, u) { this.__r = {method: m, url: String(u), offset: null}; return open.apply(this, arguments); };
        XMLHttpRequest.prototype.setRequestHeader = function (k, v) { if (this.__r && k === 'Upload-Offset') this.__r.offset = Number(v); return header.apply(this, arguments); };
        XMLHttpRequest.prototype.send = function (b) { if (this.__r) { this.__r.size = b && b.size !== undefined ? b.size : 0; window.__tus.push(this.__r); } return send.apply(this, arguments); };
        """);
    w.find("#upload-files").sendKeys(big.toString());
    awaitUploads(w, 1, Duration.ofMinutes(4));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> calls = (List<Map<String, Object>>) w.js("return window.__tus");
    assertThat(calls).as("no new upload was created after the reload").noneMatch(c -> "POST".equals(c.get("method")));
    List<Map<String, Object>> patches = calls.stream().filter(c -> "PATCH".equals(c.get("method"))).toList();
    assertThat(patches).isNotEmpty();
    assertThat(((Number) patches.getFirst().get("offset")).longValue()).as("the first PATCH continues at the kept offset")
        .isEqualTo(offset);
    long resent = patches.stream().mapToLong(c -> ((Number) c.get("size")).longValue()).sum();
    assertThat(resent).as("bytes sent after the reload").isEqualTo(BIG - offset);
    assertThat(sha256(home("alice").resolve("big.bin"))).isEqualTo(sha);
    BROWSER.screenshot("client-uploads-resumed");
  }

  static int percent(Browser.Window w) {
    Object v = w.js("const p = document.querySelector('#upload-queue li progress'); return p ? p.value : 0");
    return ((Number) v).intValue();
  }

  @Test
  @Order(4)
  void refusedUploadsShowTheirReason() throws Exception {
    Browser.Window w = BROWSER.window();
    w.get(base + "/web/client/files");
    Pages.logout(w, "client");
    Pages.login(w, base, "client", "carol", PASSWORD);
    Path exe = Files.writeString(tmp.resolve("pick/tool.exe"), "MZ not really\n");
    Path large = tmp.resolve("pick/large.bin");
    writeRandom(large, 300_000);
    w.get(base + "/web/client/uploads?path=/");
    w.find("#upload-files").sendKeys(exe + "\n" + large);
    w.waiting(Duration.ofSeconds(60)).until(d -> w.all("#upload-errors li").size() >= 2);
    String pattern = w.find("#upload-errors li[data-error='tool.exe']").getText();
    String quota = w.find("#upload-errors li[data-error='large.bin']").getText();
    assertThat(w.find("#upload-errors li[data-error='tool.exe']").getDomAttribute("data-status")).isEqualTo("403");
    assertThat(w.find("#upload-errors li[data-error='large.bin']").getDomAttribute("data-status")).isEqualTo("413");
    assertThat(pattern).as("the pattern refusal names a reason").contains("tool.exe").hasSizeGreaterThan("tool.exe: ".length() + 5);
    assertThat(quota).as("the quota refusal names a reason").containsIgnoringCase("quota");
    assertThat(home("carol").resolve("tool.exe")).doesNotExist();
    assertThat(home("carol").resolve("large.bin")).doesNotExist();
    BROWSER.screenshot("client-uploads-refused");
    Pages.logout(w, "client");
  }

  @Test
  @Order(5)
  void aShareWithAPasswordDownloadsTheZipInAnotherBrowser() throws Exception {
    Browser.Window w = BROWSER.window();
    Pages.login(w, base, "client", "alice", PASSWORD);
    w.get(base + "/web/client/shares/new");
    w.type("#share-name", "album for friends");
    new Select(w.visible("#share-scope")).selectByValue("1");
    w.type("#share-paths", "/album");
    w.type("#share-password", "Share-Passw0rd");
    w.click("#share-form button[type=submit]");
    w.awaitPath("/web/client/shares");
    shareLink = w.find("#shares a.share-link").getDomAttribute("href");
    assertThat(shareLink).contains("/web/shares/");
    BROWSER.screenshot("client-shares");

    Browser.Window friend = BROWSER.isolated();
    friend.get(shareLink.startsWith("http") ? shareLink : base + shareLink);
    friend.visible("#share-gate-password").sendKeys("not-it");
    friend.click("#share-gate button[type=submit]");
    friend.visible("#gate-error");
    friend.visible("#share-gate-password").sendKeys("Share-Passw0rd");
    friend.click("#share-gate button[type=submit]");
    friend.visible("#share-zip");
    Pages.clean(friend);
    friend.screenshot("share-public");
    friend.click("#share-zip");
    Path zip = friend.waiting(Duration.ofSeconds(60)).until(d -> finishedDownload(friend.downloads(), ".zip"));
    TreeSet<String> entries = new TreeSet<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) if (!e.isDirectory()) entries.add(e.getName());
    }
    assertThat(entries).as("entries of " + zip.getFileName()).hasSize(50).anyMatch(n -> n.endsWith("raw/edited/photo-2.txt"));
  }

  static Path finishedDownload(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  @Test
  @Order(6)
  void anotherUsersPathsAreUnreachableByEditingUrls() {
    Browser.Window w = BROWSER.isolated();
    Pages.login(w, base, "client", "bob", PASSWORD);
    List<String> tries = List.of("/web/client/files?path=/../alice", "/web/client/files?path=../alice",
        "/web/client/files/download?path=/../alice/alice-secret.txt",
        "/web/client/files/download?path=..%2Falice%2Falice-secret.txt",
        "/web/client/files/raw?path=/../../homes/alice/alice-secret.txt",
        "/web/client/files/preview?path=/../alice/alice-secret.txt",
        "/web/client/files/download?path=" + home("alice").resolve("alice-secret.txt"));
    for (String path : tries) {
      Map<String, Object> r = Pages.fetch(w, "GET", path, Map.of(), null);
      String body = String.valueOf(r.get("body"));
      // an error may name the path asked for; it never shows alice's bytes or her folder's entries
      assertThat(body).as(path + " answered " + Pages.status(r)).doesNotContain("alice-secret-content")
          .doesNotContain("photo-1.txt").doesNotContain("href=\"/web/client/files/download?path=%2Falice-secret.txt");
      if (!path.startsWith("/web/client/files?")) assertThat(Pages.status(r)).as(path).isBetween(400, 499);
    }
    w.get(base + "/web/client/files?path=/../alice");
    assertThat(w.text()).doesNotContain("photo-1.txt").doesNotContain("album");
    if (shareLink != null) {
      String id = shareLink.replaceAll(".*/web/shares/([^/?#]+).*", "$1");
      Map<String, Object> edit = Pages.fetch(w, "GET", "/web/client/shares/" + id, Map.of(), null);
      assertThat(Pages.status(edit)).as("alice's share seen by bob").isEqualTo(404);
    }
    w.screenshot("client-url-editing");
  }

  static String writeRandom(Path file, long size) throws IOException {
    Files.createDirectories(file.getParent());
    SplittableRandom random = new SplittableRandom(size);
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= buf.length) {
        for (int i = 0; i < buf.length; i += 8) {
          long v = random.nextLong();
          for (int k = 0; k < 8; k++) buf[i + k] = (byte) (v >>> (8 * k));
        }
        out.write(buf, 0, (int) Math.min(buf.length, left));
      }
    }
    return sha256(file);
  }

  static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      return HexFormat.of().formatHex(md.digest());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
