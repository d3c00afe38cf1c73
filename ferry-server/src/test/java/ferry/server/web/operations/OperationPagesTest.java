package ferry.server.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's dashboard, live connections (SSE, Close), Defender and permissions. */
class OperationPagesTest {
  static OpsWebServer s;
  static WebClient admin;

  @BeforeAll
  static void start() {
    s = OpsWebServer.shared();
    s.addUser("carol");
    admin = s.admin();
  }


  private static String first(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("%s in %s", p, text).isTrue();
    return m.group(1);
  }

  @Test
  void theDashboardShowsTheListenersSshFingerprintAndCounts() {
    WebClient.Page p = admin.get("/web/admin");
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.body()).contains("Welcome, admin").contains("SFTP / SCP").contains("127.0.0.1:" + s.server.sftpPort())
        .contains(s.server.url()).containsPattern("SHA256:[A-Za-z0-9+/]{43}");
    long users = V2Client.json(s.c.get("/api/v2/users", V2Client.bearer(s.c.adminToken())).body()).size();
    assertThat(users).isPositive();
    assertThat(first(Pattern.compile("data-count=\"operations.dashboard.count.users\">(\\d+)<"), p.body()))
        .isEqualTo(String.valueOf(users));
    assertThat(p.body()).contains("data-count=\"operations.dashboard.count.admins\">");
  }

  @Test
  void theConnectionsEventStreamSendsTheTable() throws Exception {
    HttpRequest req = HttpRequest.newBuilder(admin.uri("/web/admin/connections/events"))
        .header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> r = admin.http().send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    try (InputStream in = r.body()) {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String frame = CompletableFuture.supplyAsync(() -> {
        try {
          StringBuilder b = new StringBuilder();
          boolean inEvent = false;
          for (String line; (line = lines.readLine()) != null; ) {
            if (line.equals("event: connections")) inEvent = true;
            else if (inEvent && line.isEmpty()) return b.toString();
            else if (inEvent) b.append(line).append('\n');
          }
          return null;
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(20, TimeUnit.SECONDS);
      assertThat(frame).isNotNull().startsWith("data: ").contains("data-connections");
    }
    // without a session the stream is not opened
    assertThat(WebClient.of(s.server).get("/web/admin/connections/events").status()).isEqualTo(303);
  }

  @Test
  void theEventStreamEndsWhenItsSessionIsLoggedOut() throws Exception {
    WebClient own = s.admin();
    HttpResponse<InputStream> r = own.http().send(HttpRequest.newBuilder(own.uri("/web/admin/connections/events"))
        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      CompletableFuture<Integer> frames = CompletableFuture.supplyAsync(() -> {
        int n = 0;
        try {
          for (String line; (line = lines.readLine()) != null; ) if (line.equals("event: connections")) n++;
        } catch (java.io.IOException e) {
          // the server closed the stream
        }
        return n;
      });
      assertThat(own.postForm("/web/admin/logout", Map.of()).status()).isEqualTo(303);
      // the stream re-checks its session every few seconds and ends
      assertThat(frames.get(20, TimeUnit.SECONDS)).isPositive();
    }
  }

  @Test
  void anAdminClosesALiveSftpConnectionFromThePage() throws Exception {
    try (ClientSession session = s.sftpLogin("carol");
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      SftpClient.Handle h = sftp.open("/live.bin", EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create));
      sftp.write(h, 0, new byte[4096], 0, 4096);
      java.nio.file.Files.write(s.root.resolve("homes/carol/half.bin"), new byte[8192]);
      SftpClient.Handle d = sftp.open("/half.bin", EnumSet.of(SftpClient.OpenMode.Read));
      assertThat(sftp.read(d, 0, new byte[4096], 0, 4096)).isEqualTo(4096);
      String[] page = new String[1];
      OpsWebServer.await("carol's upload and download are on the page", () -> {
        page[0] = admin.get("/web/admin/connections").body();
        return page[0].contains("/live.bin") && page[0].contains("4.0 KiB") && page[0].contains("/half.bin");
      });
      // a download knows its size: the page shows how far it got
      assertThat(page[0]).contains("4.0 KiB / 8.0 KiB").contains("data-percent=\"50\"").contains("Last activity");
      var json = V2Client.json(s.c.get("/api/v2/connections", V2Client.bearer(s.c.adminToken())).body());
      assertThat(json.findValues("last_activity")).isNotEmpty().allMatch(v -> v.asLong() > 0);
      String id = first(Pattern.compile("<tr data-connection=\"([^\"]+)\">\\s*<td>carol</td>"), page[0]);
      WebClient.Page closed = admin.postForm("/web/admin/connections/" + id + "/close", Map.of());
      assertThat(closed.status()).as(closed.body()).isEqualTo(303);
      session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), OpsWebServer.WAIT);
      assertThat(session.isOpen()).isFalse();
      OpsWebServer.await("carol's connection is gone", () -> !admin.get("/web/admin/connections").body().contains(id));
      assertThat(admin.postForm("/web/admin/connections/" + id + "/close", Map.of()).status()).isEqualTo(404);
    }
  }

  @Test
  void aScoredSourceIsListedAndCleared() {
    // a wrong password scores loopback (the Defender's threshold is far away in this server)
    assertThat(s.c.get("/api/v2/token", V2Client.basic("admin", "wrong-password")).status()).isEqualTo(401);
    WebClient.Page p = admin.get("/web/admin/defender");
    assertThat(p.status()).isEqualTo(200);
    assertThat(p.body()).contains("data-host=\"127.0.0.1\"");
    WebClient.Page un = admin.postForm("/web/admin/defender/unban", Map.of("ip", "127.0.0.1"));
    assertThat(un.status()).as(un.body()).isEqualTo(303);
    assertThat(admin.get("/web/admin/defender").body()).doesNotContain("data-host=\"127.0.0.1\"");
    assertThat(admin.postForm("/web/admin/defender/unban", Map.of("ip", "10.9.9.9")).status()).isEqualTo(404);
  }

  @Test
  void aBannedSourceIsListedAndUnbanned() {
    String ip = "10.1.2.3";
    Pattern banned = Pattern.compile("data-host=\"10\\.1\\.2\\.3\">\\s*<td><code>10\\.1\\.2\\.3</code></td>\\s*<td>Banned</td>");
    OpsWebServer.await(ip + " is banned", () -> {
      tokenFrom(ip, "wrong-password");
      return banned.matcher(admin.get("/web/admin/defender").body()).find();
    });
    assertThat(tokenFrom(ip, ferry.server.TestServers.ADMIN_PASSWORD)).isNotEqualTo(200);
    assertThat(admin.postForm("/web/admin/defender/unban", Map.of("ip", ip)).status()).isEqualTo(303);
    assertThat(admin.get("/web/admin/defender").body()).doesNotContain("data-host=\"" + ip + "\"");
    assertThat(tokenFrom(ip, ferry.server.TestServers.ADMIN_PASSWORD)).isEqualTo(200);
  }

  /** The status of an admin token request from {@code ip} (loopback is a trusted proxy). */
  private static int tokenFrom(String ip, String password) {
    return s.c.call(HttpRequest.newBuilder(java.net.URI.create(s.c.url() + "/api/v2/token"))
        .header("Authorization", V2Client.basic("admin", password).value()).header("X-Forwarded-For", ip).GET()
        .build()).status();
  }

  @Test
  void anAdminWhoMayOnlyViewConnectionsCannotUnbanNorSeeTheDefenderNorKeys() {
    WebClient viewer = s.adminWith("watcher", List.of("view_conns"));
    assertThat(viewer.get("/web/admin/connections").status()).isEqualTo(200);
    assertThat(viewer.postForm("/web/admin/defender/unban", Map.of("ip", "127.0.0.1")).status()).isEqualTo(403);
    assertThat(viewer.get("/web/admin/defender").status()).isEqualTo(403);
    assertThat(viewer.get("/web/admin/apikeys").status()).isEqualTo(403);
    WebClient.Page dash = viewer.get("/web/admin");
    assertThat(dash.status()).isEqualTo(200);
    // no view_status: no listeners; no view_users: no user count
    assertThat(dash.body()).doesNotContain("SHA256:").doesNotContain("operations.dashboard.count.users")
        .contains("operations.dashboard.count.connections");
  }

  @Test
  void pagesRenderInGerman() {
    for (String path : List.of("/web/admin", "/web/admin/connections", "/web/admin/transfers", "/web/admin/defender",
        "/web/admin/apikeys")) {
      WebClient.Page p = admin.send(HttpRequest.newBuilder(admin.uri(path)).header("Accept-Language", "de").GET());
      assertThat(p.status()).as(path).isEqualTo(200);
      assertThat(p.body()).as(path).contains("lang=\"de\"").doesNotContain("??operations.");
    }
    WebClient.Page p = admin.send(HttpRequest.newBuilder(admin.uri("/web/admin/transfers")).header("Accept-Language", "de").GET());
    assertThat(p.body()).contains("Übertragungsverlauf").contains("Als CSV exportieren");
    WebClient.Page d = admin.send(HttpRequest.newBuilder(admin.uri("/web/admin")).header("Accept-Language", "de").GET());
    assertThat(d.body()).contains("SSH-Hostschlüssel");
  }
}
