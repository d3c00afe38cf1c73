package ferry.server.web.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.web.WebClient;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's users pages, driven through their real forms and links. */
class WebUsersTest {
  private static final Pattern ROW = Pattern.compile("<tr data-user=\"([^\"]+)\"");
  static FerryServer server;
  static V2Client api;
  static Auth root;
  static Path homes;

  @BeforeAll
  static void start(@TempDir Path dir) {
    server = V2Client.startServer(dir);
    homes = dir.resolve("homes");
    api = new V2Client(server);
    root = V2Client.bearer(api.adminToken());
    for (int i = 0; i < 30; i++) apiUser(String.format("list-%02d", i), i % 3 == 0 ? "ops" + i + "@corp.example" : "");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void apiUser(String name, String email) {
    Map<String, Object> u = new HashMap<>(Map.of("username", name, "password", "Secret-Passw0rd", "status", 1,
        "home_dir", homes.resolve(name).toString(), "permissions", Map.of("/", List.of("*"))));
    if (!email.isEmpty()) u.put("email", email);
    if (name.endsWith("0")) u.put("quota_size", 1 << 30);
    var r = api.post("/api/v2/users", root, u);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static WebClient admin() {
    return WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
  }

  static List<String> rows(String html) {
    Matcher m = ROW.matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** A urlencoded POST with repeated fields (checkboxes), with the page's CSRF token. */
  static WebClient.Page post(WebClient web, String path, List<String[]> fields) {
    String body = fields.stream().map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&"))
        + "&_csrf=" + enc(web.csrf());
    return web.send(HttpRequest.newBuilder(web.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded"));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theListPagesSearchesAndSortsOnTheServer() {
    WebClient web = admin();
    WebClient.Page p = web.get("/web/admin/users?size=10&q=list-");
    assertThat(p.status()).isEqualTo(200);
    assertThat(rows(p.body())).hasSize(10).startsWith("list-00", "list-01");
    assertThat(p.body()).contains("30 users").contains("Page 1 of 3").contains("<progress").doesNotContain("list-10\"");
    WebClient.Page second = web.get("/web/admin/users?page=2&size=10&q=list-");
    assertThat(rows(second.body())).first().isEqualTo("list-10");
    WebClient.Page desc = web.get("/web/admin/users?size=10&q=list-&sort=username&dir=desc");
    assertThat(rows(desc.body())).first().isEqualTo("list-29");
    // the e-mail is searched too; htmx gets only the table
    WebClient.Page mail = web.htmxGet("/web/admin/users?q=CORP.EXAMPLE&size=25");
    assertThat(rows(mail.body())).hasSize(10).contains("list-03", "list-27");
    assertThat(mail.body()).doesNotContain("<html").contains("id=\"users-table\"");
    WebClient.Page byLogin = web.get("/web/admin/users?q=list-&sort=last_login&dir=desc&size=50");
    assertThat(rows(byLogin.body())).hasSize(30);
    assertThat(web.get("/web/admin/users?size=7").status()).isEqualTo(422);
  }

  @Test
  void anAdminCreatesAUserWithAnS3HomeAndItsSecretIsNeverShownBack() {
    WebClient web = admin();
    assertThat(web.get("/web/admin/users/new").status()).isEqualTo(200);
    Map<String, String> f = new HashMap<>(Map.of("username", "s3web", "password", "Secret-Passw0rd",
        "fs_provider", "s3", "s3_bucket", "web-bucket", "s3_region", "eu-central-1", "s3_endpoint",
        "http://127.0.0.1:9", "s3_access_key", "AKIAWEB", "s3_access_secret", "very-secret-value",
        "s3_key_prefix", "s3web/", "s3_force_path_style", "1"));
    f.put("perm_root", "*");
    f.put("quota_size", "1048576");
    WebClient.Page saved = web.postForm("/web/admin/users/new", f);
    assertThat(saved.status()).as(saved.body()).isEqualTo(303);
    assertThat(saved.header("Location")).contains("notice=created");
    assertThat(web.get(saved.header("Location")).body()).contains("The user was created.").contains("data-user=\"s3web\"");
    JsonNode s3 = api.get("/api/v2/users/s3web", root).json().path("filesystem");
    assertThat(s3.path("provider").asInt()).isEqualTo(1);
    assertThat(s3.path("s3config").path("bucket").asText()).isEqualTo("web-bucket");
    assertThat(s3.path("s3config").path("force_path_style").asBoolean()).isTrue();
    assertThat(s3.path("s3config").path("access_secret").path("status").asText()).isEqualTo("AES-256-GCM");

    WebClient.Page edit = web.get("/web/admin/users/s3web");
    assertThat(edit.body()).contains("value=\"web-bucket\"").doesNotContain("very-secret-value")
        .contains("A value is stored.");
    // saving the form as shown (secret blank) keeps the stored secret
    Map<String, String> again = new HashMap<>(f);
    again.remove("username");
    again.put("s3_access_secret", "");
    again.put("password", "");
    again.put("description", "edited");
    again.put("customer", "1");
    WebClient.Page updated = web.postForm("/web/admin/users/s3web", again);
    assertThat(updated.status()).as(updated.body()).isEqualTo(303);
    JsonNode after = api.get("/api/v2/users/s3web", root).json();
    assertThat(after.path("description").asText()).isEqualTo("edited");
    assertThat(web.get("/web/admin/users/s3web").body()).contains("id=\"f-customer\" name=\"customer\" value=\"1\" checked");
    assertThat(after.path("filesystem").path("s3config").path("access_secret").path("status").asText())
        .isEqualTo("AES-256-GCM");
  }

  @Test
  void aWrongFieldIsShownBesideItWith422() {
    WebClient web = admin();
    web.get("/web/admin/users/new");
    WebClient.Page bad = web.postForm("/web/admin/users/new", Map.of("username", "bad name!", "password",
        "Secret-Passw0rd", "home_dir", homes.resolve("x").toString(), "perm_root", "*"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("data-field=\"username\"").contains("aria-invalid=\"true\"")
        .contains("role=\"alert\"").contains("value=\"bad name!\"");
    WebClient.Page quota = web.postForm("/web/admin/users/new", Map.of("username", "quota-bad", "password",
        "Secret-Passw0rd", "home_dir", homes.resolve("q").toString(), "perm_root", "*", "quota_size", "-5"));
    assertThat(quota.status()).isEqualTo(422);
    assertThat(quota.body()).contains("data-field=\"quota_size\"").doesNotContain("Secret-Passw0rd");
    WebClient.Page notNumber = web.postForm("/web/admin/users/new", Map.of("username", "quota-bad", "password",
        "Secret-Passw0rd", "home_dir", homes.resolve("q").toString(), "perm_root", "*", "quota_files", "many"));
    assertThat(notNumber.body()).contains("data-field=\"quota_files\"");
    WebClient.Page bucket = web.postForm("/web/admin/users/new", Map.of("username", "s3-nobucket", "password",
        "Secret-Passw0rd", "fs_provider", "s3", "perm_root", "*"));
    assertThat(bucket.status()).isEqualTo(422);
    assertThat(bucket.body()).contains("data-field=\"s3_bucket\"").contains("The S3 bucket is required.");
  }

  @Test
  void selectedUsersAreDisabledEnabledAndDeletedAfterConfirmation() {
    apiUser("bulk-a", "");
    apiUser("bulk-b", "");
    WebClient web = admin();
    web.get("/web/admin/users?q=bulk-");
    WebClient.Page off = post(web, "/web/admin/users/bulk", List.of(new String[] {"action", "disable"},
        new String[] {"user", "bulk-a"}, new String[] {"user", "bulk-b"}, new String[] {"back", "/web/admin/users?q=bulk-"}));
    assertThat(off.status()).as(off.body()).isEqualTo(303);
    assertThat(api.get("/api/v2/users/bulk-a", root).json().path("status").asInt()).isZero();
    assertThat(api.get("/api/v2/users/bulk-b", root).json().path("status").asInt()).isZero();
    WebClient.Page list = web.get(off.header("Location"));
    assertThat(list.body()).contains("2 users disabled.");
    assertThat(web.get("/web/admin/users?q=bulk-&status=0").body()).contains("data-user=\"bulk-a\"");
    assertThat(rows(web.get("/web/admin/users?q=bulk-&status=1").body())).isEmpty();

    WebClient.Page ask = post(web, "/web/admin/users/bulk", List.of(new String[] {"action", "delete"},
        new String[] {"user", "bulk-b"}));
    assertThat(ask.status()).isEqualTo(200);
    assertThat(ask.body()).contains("Delete one user?").contains("id=\"confirm-delete\"");
    assertThat(api.get("/api/v2/users/bulk-b", root).status()).isEqualTo(200);
    WebClient.Page gone = post(web, "/web/admin/users/bulk", List.of(new String[] {"action", "delete"},
        new String[] {"user", "bulk-b"}, new String[] {"confirmed", "1"}));
    assertThat(gone.status()).isEqualTo(303);
    assertThat(api.get("/api/v2/users/bulk-b", root).status()).isEqualTo(404);
    // the edit page's delete button goes the same way: asked first (without JavaScript, by a page)
    assertThat(web.get("/web/admin/users/bulk-a").body()).contains("id=\"user-delete\"");
    WebClient.Page single = post(web, "/web/admin/users/bulk", List.of(new String[] {"action", "delete"},
        new String[] {"user", "bulk-a"}, new String[] {"back", "/web/admin/users?"}));
    assertThat(single.body()).contains("Delete one user?");
  }

  @Test
  void anAdminWhoMayOnlyViewUsersCannotChangeThem() {
    var r = api.post("/api/v2/admins", root, Map.of("username", "viewer", "password", "Viewer-Passw0rd", "status", 1,
        "permissions", List.of("view_users")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    WebClient web = WebClient.of(server).loginAdmin("viewer", "Viewer-Passw0rd");
    assertThat(web.get("/web/admin/users").status()).isEqualTo(200);
    WebClient.Page edit = web.get("/web/admin/users/list-01");
    assertThat(edit.status()).isEqualTo(200);
    assertThat(edit.body()).doesNotContain("id=\"user-save\"").contains("<fieldset disabled");
    assertThat(web.get("/web/admin/users/new").status()).isEqualTo(403);
    assertThat(web.postForm("/web/admin/users/list-01", Map.of("perm_root", "*")).status()).isEqualTo(403);
    assertThat(post(web, "/web/admin/users/bulk", List.of(new String[] {"action", "disable"},
        new String[] {"user", "list-01"})).status()).isEqualTo(403);
    assertThat(api.get("/api/v2/users/list-01", root).json().path("status").asInt()).isEqualTo(1);
    assertThat(web.get("/web/admin/groups").status()).isNotEqualTo(200);
  }

  @Test
  void thePagesSpeakGerman() {
    WebClient web = admin();
    WebClient.Page p = web.send(HttpRequest.newBuilder(web.uri("/web/admin/users?size=10")).header("Accept-Language", "de").GET());
    assertThat(p.body()).contains("Benutzer").contains("Pro Seite:").contains("Letzte Anmeldung").doesNotContain("??");
    WebClient.Page edit = web.send(HttpRequest.newBuilder(web.uri("/web/admin/users/list-02")).header("Accept-Language", "de").GET());
    assertThat(edit.body()).contains("Speicher-Backend").contains("Kontingente und Bandbreite").doesNotContain("??");
    web.send(HttpRequest.newBuilder(web.uri("/web/admin/users/new")).header("Accept-Language", "de").GET());
    String body = "username=" + enc("bad name!") + "&password=x&perm_root=*&_csrf=" + enc(web.csrf());
    WebClient.Page bad = web.send(HttpRequest.newBuilder(web.uri("/web/admin/users/new")).header("Accept-Language", "de")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.body()).contains("Der Benutzername muss aus 1 bis 100");
  }
}
