package ferry.server.web;

import ferry.server.FerryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like client of the web UI for in-process tests: keeps cookies, reads the page's CSRF
 * token from its {@code csrf-token} meta, logs in through the real forms, and sends forms or htmx
 * requests with the token.
 *
 * <pre>{@code
 * WebClient admin = WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
 * WebClient.Page users = admin.get("/web/admin/users?q=bob");
 * admin.postForm("/web/admin/users/bob/disable", Map.of()); // with the token of the last page
 * }</pre>
 */
public final class WebClient {
  private static final Pattern CSRF = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

  private final String url;
  private final HttpClient http;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private String csrf = "";

  /** A page or fragment as the server answered it. */
  public record Page(int status, String body, HttpHeaders headers) {
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private WebClient(String url) {
    this.url = url;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** A client of {@code server}'s plain-HTTP listener. */
  public static WebClient of(FerryServer server) {
    return new WebClient(server.url());
  }

  public static WebClient of(String url) {
    return new WebClient(url);
  }

  public String url() {
    return url;
  }

  /** The CSRF token of the last page fetched. */
  public String csrf() {
    return csrf;
  }

  /** Logs in to the console (a 303 answer) and returns this client. */
  public WebClient loginAdmin(String username, String password) {
    return login("/web/admin/login", username, password);
  }

  /** Logs in to the web client (a 303 answer) and returns this client. */
  public WebClient loginUser(String username, String password) {
    return login("/web/client/login", username, password);
  }

  private WebClient login(String path, String username, String password) {
    get(path);
    Page p = postForm(path, Map.of("username", username, "password", password));
    if (p.status() != 303) throw new AssertionError("login of " + username + " answered " + p.status() + ": " + p.body());
    get(p.header("Location"));
    return this;
  }

  /** GET; a page's CSRF token is kept for the next form. */
  public Page get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), false);
  }

  /** GET as htmx does it ({@code HX-Request: true}). */
  public Page htmxGet(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().header("HX-Request", "true"), false);
  }

  /** POSTs a urlencoded form with the last page's CSRF token in {@code _csrf}. */
  public Page postForm(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.putIfAbsent("_csrf", csrf);
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(form(all)))
        .header("Content-Type", "application/x-www-form-urlencoded"), false);
  }

  /** POSTs a urlencoded form without any CSRF token (to test the refusal). */
  public Page postFormWithoutToken(String path, Map<String, String> fields) {
    return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(form(fields)))
        .header("Content-Type", "application/x-www-form-urlencoded"), false);
  }

  /** A request as htmx sends it: {@code HX-Request} and the CSRF token as a header. */
  public Page htmx(String method, String path, Map<String, String> fields) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("HX-Request", "true").header("X-CSRF-Token", csrf)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .method(method, HttpRequest.BodyPublishers.ofString(form(fields)));
    return send(b, false);
  }

  /** Any request, with the CSRF header added. */
  public Page send(HttpRequest.Builder b) {
    return send(b.header("X-CSRF-Token", csrf), true);
  }

  public URI uri(String path) {
    return URI.create(url + path);
  }

  private Page send(HttpRequest.Builder b, boolean unused) {
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) csrf = m.group(1);
      return new Page(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The underlying client (same cookies), e.g. for a streamed download. */
  public HttpClient http() {
    return http;
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
