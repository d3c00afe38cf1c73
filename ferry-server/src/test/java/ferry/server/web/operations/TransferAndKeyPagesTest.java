package ferry.server.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.web.WebClient;
import ferry.web.admin.operations.Csv;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transfer history (filters, CSV) and the API keys page (shown once, revoke). */
class TransferAndKeyPagesTest {
  static OpsWebServer s;
  static WebClient admin;

  @BeforeAll
  static void start() throws Exception {
    s = OpsWebServer.shared();
    s.addUser("dora");
    s.addUser("erik");
    admin = s.admin();
    upload("dora", "/a,b \"q\".txt", 10);
    upload("dora", "/plain.txt", 20);
    upload("erik", "/erik.txt", 30);
    OpsWebServer.await("the uploads are logged", () -> admin.get("/web/admin/transfers?user=dora").body()
        .contains("data-total=\"2\"") && admin.get("/web/admin/transfers?user=erik").body().contains("data-total=\"1\""));
  }


  private static void upload(String user, String path, int size) throws Exception {
    try (ClientSession session = s.sftpLogin(user);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      try (SftpClient.CloseableHandle h = sftp.open(path, EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create))) {
        sftp.write(h, 0, new byte[size], 0, size);
      }
    }
  }

  private String download(String path) throws Exception {
    HttpResponse<String> r = admin.http().send(HttpRequest.newBuilder(admin.uri(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename=\"transfers-");
    return r.body();
  }

  @Test
  void theHistoryFiltersByUserStatusAndDate() {
    WebClient.Page dora = admin.get("/web/admin/transfers?user=dora");
    assertThat(dora.status()).isEqualTo(200);
    assertThat(dora.body()).contains("data-total=\"2\"").contains("/plain.txt").doesNotContain("/erik.txt");
    assertThat(admin.get("/web/admin/transfers?user=dora&status=failed").body()).contains("data-total=\"0\"");
    assertThat(admin.get("/web/admin/transfers?user=erik&protocol=sftp&status=ok").body()).contains("data-total=\"1\"");
    assertThat(admin.get("/web/admin/transfers?user=erik&protocol=scp").body()).contains("data-total=\"0\"");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    assertThat(admin.get("/web/admin/transfers?user=dora&from=" + today + "&to=" + today).body())
        .contains("data-total=\"2\"");
    assertThat(admin.get("/web/admin/transfers?user=dora&from=" + tomorrow).body()).contains("data-total=\"0\"");
    // htmx gets the table alone; a second page links back to the first
    WebClient.Page two = admin.htmxGet("/web/admin/transfers?user=dora&size=25&page=2");
    assertThat(two.body()).contains("data-total=\"2\"").contains("rel=\"prev\"").doesNotContain("<html");
    WebClient.Page bad = admin.get("/web/admin/transfers?from=yesterday");
    assertThat(bad.status()).isEqualTo(422);
  }

  @Test
  void theCsvHasTheFilteredRowsQuoted() throws Exception {
    String csv = download("/web/admin/transfers/export?user=dora");
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("finished_at,username,protocol,direction,path,bytes");
    assertThat(csv).contains(",dora,SFTP,upload,\"/a,b \"\"q\"\".txt\",10,").contains(",dora,SFTP,upload,/plain.txt,20,")
        .doesNotContain("erik");
  }

  @Test
  void csvCellsAreQuotedAndNeverFormulas() {
    assertThat(Csv.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(Csv.cell("+1")).isEqualTo("'+1");
    assertThat(Csv.cell("-2")).isEqualTo("'-2");
    assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.cell("a\nb")).isEqualTo("\"a\nb\"");
    assertThat(Csv.cell(null)).isEmpty();
    assertThat(Csv.line("a", "b,c")).isEqualTo("a,\"b,c\"\r\n");
  }

  @Test
  void aNewKeyIsShownOnceWorksFromItsAllowListAndIsRevoked() {
    admin.get("/web/admin/apikeys");
    WebClient.Page created = admin.postForm("/web/admin/apikeys", Map.of("name", "nightly", "scope", "admin",
        "ips", "10.0.0.0/8\n127.0.0.1", "expires", "", "description", "for the nightly run"));
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");
    Matcher m = Pattern.compile("value=\"([^\"]+)\" class=\"ops-key\"").matcher(created.body());
    assertThat(m.find()).as(created.body()).isTrue();
    String key = m.group(1);
    String id = key.substring(0, key.indexOf('.'));

    WebClient.Page again = admin.get("/web/admin/apikeys");
    assertThat(again.body()).contains("nightly").contains("10.0.0.0/8, 127.0.0.1/32").doesNotContain(key)
        .doesNotContain(key.substring(key.indexOf('.') + 1));
    assertThat(s.c.get("/v1/adm/jobs", new ferry.server.files.V2Client.Auth("X-API-Key", key)).status()).isEqualTo(200);

    assertThat(admin.postForm("/web/admin/apikeys/" + id + "/revoke", Map.of()).status()).isEqualTo(303);
    assertThat(s.c.get("/v1/adm/jobs", new ferry.server.files.V2Client.Auth("X-API-Key", key)).status()).isEqualTo(401);
    assertThat(admin.get("/web/admin/apikeys").body()).contains("Revoked");
  }

  @Test
  void aFileServerKeyActsAsItsAdminOnlyFromItsAllowList() {
    var r = s.c.post("/api/v2/admins", ferry.server.files.V2Client.bearer(s.c.adminToken()), Map.of("username", "keyed",
        "password", OpsWebServer.PASSWORD, "status", 1, "permissions", java.util.List.of("*"),
        "filters", Map.of("allow_api_key_auth", true)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String far = createKey("far", "file_admin", "keyed", "10.0.0.0/8");
    String near = createKey("near", "file_admin", "keyed", "127.0.0.1");
    String anywhere = createKey("anywhere", "file_admin", "keyed", "");
    var header = "X-SFTPGO-API-KEY";
    assertThat(s.c.get("/api/v2/status", new ferry.server.files.V2Client.Auth(header, far)).status()).isEqualTo(403);
    assertThat(s.c.get("/api/v2/status", new ferry.server.files.V2Client.Auth(header, near)).status()).isEqualTo(200);
    assertThat(s.c.get("/api/v2/status", new ferry.server.files.V2Client.Auth(header, anywhere)).status()).isEqualTo(200);
    String list = admin.get("/web/admin/apikeys").body();
    assertThat(list).contains("acts as keyed").contains("10.0.0.0/8").contains("The account allow-list");
  }

  private static String createKey(String name, String scope, String account, String ips) {
    admin.get("/web/admin/apikeys");
    WebClient.Page p = admin.postForm("/web/admin/apikeys", Map.of("name", name, "scope", scope, "account", account,
        "ips", ips, "expires", "", "description", ""));
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    Matcher m = Pattern.compile("value=\"([^\"]+)\" class=\"ops-key\"").matcher(p.body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  @Test
  void aKeyWithABadAllowListIsRefusedWithTheFormKept() {
    admin.get("/web/admin/apikeys");
    WebClient.Page p = admin.postForm("/web/admin/apikeys", Map.of("name", "broken", "scope", "jobs",
        "ips", "not-an-ip", "expires", "", "description", ""));
    assertThat(p.status()).isEqualTo(422);
    assertThat(p.body()).contains("not-an-ip is not an IP address or CIDR network").contains("value=\"broken\"")
        .doesNotContain("class=\"ops-key\"");
  }
}
