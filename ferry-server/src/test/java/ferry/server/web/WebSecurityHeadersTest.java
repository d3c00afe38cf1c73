package ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every GET route under {@code /web} that the server lists ({@link FerryServer#routes()}), path
 * parameters filled with sample values, answers with the web UI's security headers, whoever asks
 * (nobody, a user, an admin; English and German), and no page shows a text key its bundles lack
 * ({@code ??key??}). Session cookies are {@code HttpOnly; SameSite=Strict}, and {@code Secure} on TLS.
 */
class WebSecurityHeadersTest {
  static final String USER = "walker";
  static final String USER_PASSWORD = "walker-Passw0rd-1";
  static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");
  static final Pattern MISSING_TEXT = Pattern.compile("\\?\\?[A-Za-z0-9_.-]+\\?\\?");

  @TempDir static Path tmp;
  static FerryServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServers.start(TestServers.config(Files.createDirectories(tmp.resolve("data")), true, List.of(),
        DefenderConfig.defaults().withThreshold(10_000)));
    createUser(server.url(), TestServers.cliKey(tmp.resolve("data")), USER, USER_PASSWORD, tmp.resolve("home"));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** Creates a user with all permissions on a home directory, through the admin API. */
  static void createUser(String url, String key, String name, String password, Path home) throws Exception {
    Files.createDirectories(home);
    Files.writeString(home.resolve("sample.txt"), "sample");
    String body = "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"home_dir\":\""
        + home.toString().replace("\\", "\\\\") + "\",\"permissions\":{\"/\":[\"*\"]}}";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/v1/adm/users"))
        .header("X-API-Key", key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
  }

  /** The GET routes under /web with sample values for their path parameters; logout and SSE are read with care. */
  static List<String> webPages(FerryServer server) {
    List<String> paths = new ArrayList<>();
    for (String route : server.routes()) {
      if (!route.startsWith("GET /web")) continue;
      String path = route.substring(4);
      if (path.contains("logout")) continue;
      Matcher m = PARAM.matcher(path);
      StringBuilder filled = new StringBuilder();
      while (m.find()) m.appendReplacement(filled, sample(m.group(1) != null ? m.group(1) : m.group(2)));
      m.appendTail(filled);
      paths.add(filled.toString().replace("*", "sample"));
    }
    assertThat(paths).as("the web UI's GET routes").contains("/web/admin/login", "/web/client/login", "/web/admin");
    return paths.stream().distinct().sorted().toList();
  }

  private static String sample(String param) {
    String p = param.toLowerCase(java.util.Locale.ROOT);
    if (p.contains("file")) return "ferry.css";
    if (p.contains("user") || p.equals("name") || p.equals("username")) return USER;
    if (p.contains("path")) return "sample.txt";
    return "sample";
  }

  /** One answer's head and the start of its body (an event stream is not read to its end). */
  record Answer(String path, int status, java.net.http.HttpHeaders headers, String body) {}

  static Answer fetch(HttpClient http, String base, String path, String language) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
        .header("Accept-Language", language).GET().build();
    HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    String type = r.headers().firstValue("Content-Type").orElse("");
    String body = "";
    try (InputStream in = r.body()) {
      if (type.startsWith("text/html")) body = new String(in.readNBytes(4 << 20), StandardCharsets.UTF_8);
    }
    return new Answer(path, r.statusCode(), r.headers(), body);
  }

  static void checkHeaders(SoftAssertions soft, Answer a, String who) {
    String where = who + " GET " + a.path() + " (" + a.status() + ")";
    String csp = a.headers().firstValue("Content-Security-Policy").orElse("");
    soft.assertThat(csp).as(where + " CSP").contains("script-src 'self'").contains("frame-ancestors")
        .doesNotContain("unsafe-eval");
    if (!csp.contains("sandbox")) soft.assertThat(csp).as(where + " CSP").contains("frame-ancestors 'none'")
        .doesNotContain("'unsafe-inline'");
    soft.assertThat(a.headers().firstValue("X-Content-Type-Options")).as(where + " nosniff").hasValue("nosniff");
    soft.assertThat(a.headers().firstValue("Referrer-Policy")).as(where + " Referrer-Policy").isPresent();
    soft.assertThat(a.headers().firstValue("Referrer-Policy").orElse("")).as(where + " Referrer-Policy")
        .isIn("same-origin", "no-referrer", "strict-origin", "strict-origin-when-cross-origin");
    for (String cookie : a.headers().allValues("Set-Cookie")) checkCookie(soft, cookie, where, false);
    Matcher missing = MISSING_TEXT.matcher(a.body());
    soft.assertThat(missing.find() ? missing.group() : null).as(where + " shows a text key no bundle has").isNull();
  }

  static void checkCookie(SoftAssertions soft, String cookie, String where, boolean tls) {
    String lower = cookie.toLowerCase(java.util.Locale.ROOT);
    soft.assertThat(lower).as(where + " cookie " + cookie).contains("httponly").contains("samesite=strict");
    if (tls) soft.assertThat(lower).as(where + " cookie on TLS " + cookie).contains("secure");
  }

  private static void walk(SoftAssertions soft, WebClient client, String who) throws Exception {
    for (String language : List.of("en", "de-DE,de;q=0.9")) {
      for (String path : webPages(server)) checkHeaders(soft, fetch(client.http(), server.url(), path, language),
          who + " [" + language.substring(0, 2) + "]");
    }
  }

  @Test
  void everyPageCarriesTheHeadersForNobodyUserAndAdmin() throws Exception {
    SoftAssertions soft = new SoftAssertions();
    walk(soft, WebClient.of(server), "nobody");
    walk(soft, WebClient.of(server).loginUser(USER, USER_PASSWORD), "user");
    walk(soft, WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD), "admin");
    soft.assertAll();
  }

  @Test
  void theLoggedInPagesAreRenderedNotRedirected() throws Exception {
    WebClient user = WebClient.of(server).loginUser(USER, USER_PASSWORD);
    WebClient admin = WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
    assertThat(fetch(user.http(), server.url(), "/web/client/files", "en").status()).isEqualTo(200);
    assertThat(fetch(admin.http(), server.url(), "/web/admin", "en").status()).isEqualTo(200);
  }

  @Test
  void sessionCookiesAreHttpOnlyStrictAndSecureOnTls() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("tls-data"));
    try (FerryServer tls = TestServers.start(TestServers.config(data, false, List.of(),
        DefenderConfig.defaults().withThreshold(10_000)))) {
      assertThat(tls.url()).startsWith("https://");
      HttpClient http = HttpClient.newBuilder().sslContext(trusting(data.resolve("tls/server-cert.pem")))
          .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
      SoftAssertions soft = new SoftAssertions();
      Answer login = fetch(http, tls.url(), "/web/admin/login", "en");
      checkHeaders(soft, login, "TLS nobody");
      List<String> cookies = new ArrayList<>(login.headers().allValues("Set-Cookie"));
      Matcher csrf = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"").matcher(login.body());
      assertThat(csrf.find()).as(login.body()).isTrue();
      String form = "_csrf=" + enc(csrf.group(1)) + "&username=admin&password=" + enc(TestServers.ADMIN_PASSWORD);
      HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(tls.url() + "/web/admin/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(in.statusCode()).as(in.body()).isEqualTo(303);
      cookies.addAll(in.headers().allValues("Set-Cookie"));
      assertThat(cookies).anyMatch(c -> c.startsWith("ferry_pre=")).anyMatch(c -> c.startsWith("ferry_admin="));
      for (String c : cookies) checkCookie(soft, c, "TLS login", true);
      checkHeaders(soft, fetch(http, tls.url(), "/web/admin", "en"), "TLS admin");
      soft.assertAll();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      trust.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
