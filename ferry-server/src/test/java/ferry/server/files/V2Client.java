package ferry.server.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A client of one test server's /api/v2: tokens, then requests with a bearer token or an API key
 * ({@link Auth}), answers as text with JSON parsing. Shared by the /api/v2 tests of every part.
 *
 * <pre>{@code
 * V2Client c = new V2Client(server);
 * V2Client.Auth admin = V2Client.bearer(c.adminToken());
 * V2Client.Response r = c.post("/api/v2/users", admin, Map.of("username", "alice", ...));
 * assertThat(r.status()).as(r.body()).isEqualTo(201);
 * }</pre>
 */
public final class V2Client {
  public static final String API_KEY_HEADER = "X-SFTPGO-API-KEY";
  public static final ObjectMapper JSON = new ObjectMapper();
  /** The first admin of every TestServers server. */
  public static final String ADMIN = "admin";

  /** How a request proves who calls: a header, or nothing. */
  public record Auth(String header, String value) {
    public static final Auth NONE = new Auth(null, null);

    HttpRequest.Builder apply(HttpRequest.Builder b) {
      return header == null ? b : b.header(header, value);
    }
  }

  /** An answer, its body as text. */
  public record Response(int status, String body, HttpHeaders headers) {
    /** The body as JSON (fails the test when it is not JSON). */
    public JsonNode json() {
      return V2Client.json(body);
    }

    /** The first value of header {@code name}, if any. */
    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }
  }

  private final String url;
  private final HttpClient http;

  /**
   * Starts a TestServers server in {@code dir} whose Defender practically never bans: the /api/v2
   * tests fail logins on purpose and must not ban loopback for the others.
   */
  public static FerryServer startServer(Path dir) {
    return TestServers.start(TestServers.config(dir.resolve("data"), true, List.of(),
        DefenderConfig.defaults().withThreshold(10_000)));
  }

  public V2Client(FerryServer server) {
    this(server.url());
  }

  public V2Client(String url) {
    this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  /** A client of {@code url} over {@code http} (e.g. HTTPS with a trust store or a client certificate). */
  public V2Client(String url, HttpClient http) {
    this.url = url;
    this.http = http;
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:38211}. */
  public String url() {
    return url;
  }

  public static Auth bearer(String token) {
    return new Auth("Authorization", "Bearer " + token);
  }

  public static Auth apiKey(String key) {
    return new Auth(API_KEY_HEADER, key);
  }

  public static Auth basic(String user, String password) {
    return new Auth("Authorization", "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  /** A token of the first admin. */
  public String adminToken() {
    return adminToken(ADMIN, TestServers.ADMIN_PASSWORD);
  }

  /** A token of admin {@code user}; fails the test unless the server answers 200. */
  public String adminToken(String user, String password) {
    return token("/api/v2/token", user, password);
  }

  /** A token of file-server user {@code user}; fails the test unless the server answers 200. */
  public String userToken(String user, String password) {
    return token("/api/v2/user/token", user, password);
  }

  private String token(String path, String user, String password) {
    Response r = get(path, basic(user, password));
    if (r.status() != 200) throw new AssertionError("GET " + path + " as " + user + ": " + r.status() + " " + r.body());
    return r.json().path("access_token").asText();
  }

  public Response get(String path, Auth auth) {
    return send("GET", path, auth, HttpRequest.BodyPublishers.noBody(), null);
  }

  public Response delete(String path, Auth auth) {
    return send("DELETE", path, auth, HttpRequest.BodyPublishers.noBody(), null);
  }

  /** POST of {@code body} as JSON: a String is sent as is, anything else is serialised. */
  public Response post(String path, Auth auth, Object body) {
    return sendJson("POST", path, auth, body);
  }

  public Response put(String path, Auth auth, Object body) {
    return sendJson("PUT", path, auth, body);
  }

  public Response patch(String path, Auth auth, Object body) {
    return sendJson("PATCH", path, auth, body);
  }

  public Response sendJson(String method, String path, Auth auth, Object body) {
    String text = body instanceof String s ? s : toJson(body);
    return send(method, path, auth, HttpRequest.BodyPublishers.ofString(text), "application/json");
  }

  /** Any request; {@code contentType} may be null. */
  public Response send(String method, String path, Auth auth, HttpRequest.BodyPublisher body, String contentType) {
    HttpRequest.Builder b = request(method, path, auth, body);
    if (contentType != null) b.header("Content-Type", contentType);
    return call(b.build());
  }

  /** A request builder with {@code auth} applied, for what the helpers above do not cover. */
  public HttpRequest.Builder request(String method, String path, Auth auth, HttpRequest.BodyPublisher body) {
    return auth.apply(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
        .method(method, body));
  }

  /** Sends {@code r} and reads the answer as text. */
  public Response call(HttpRequest r) {
    HttpResponse<String> res = call(r, HttpResponse.BodyHandlers.ofString());
    return new Response(res.statusCode(), res.body(), res.headers());
  }

  /** Sends {@code r} with any body handler (bytes, a file, a stream). */
  public <T> HttpResponse<T> call(HttpRequest r, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(r, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }

  public static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
