package ferry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.auth.Cidr;
import ferry.core.auth.Actor;
import ferry.core.auth.DefenderConfig;
import ferry.core.settings.RateLimitSettings;
import ferry.sftpd.SftpdConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** An in-process server on port 0 over H2 in a temp dir, and a small client for it. */
public final class TestServers {
  public static final String ADMIN_PASSWORD = "admin-Passw0rd";
  static final ObjectMapper JSON = new ObjectMapper();

  private TestServers() {}

  public static ServerConfig config(Path dataDir, boolean plainHttp, List<Path> scriptDirs, DefenderConfig defender) {
    return config(dataDir, plainHttp, scriptDirs, defender, List.of());
  }

  public static ServerConfig config(
      Path dataDir, boolean plainHttp, List<Path> scriptDirs, DefenderConfig defender, List<Cidr> trustedProxies) {
    return new ServerConfig(dataDir, "127.0.0.1", 0, plainHttp, null, null, null, null, null, 4, 2,
        Duration.ofSeconds(5), scriptDirs, List.of(), null, 0, ADMIN_PASSWORD, null, defender, "127.0.0.1",
        ServerConfig.SFTP_OFF, List.of(), List.of(), List.of(), SftpdConfig.DEFAULT_MAX_AUTH_TRIES, trustedProxies, null, null);
  }

  /**
   * Starts {@code cfg} with the /api rate limits so high no test is throttled; a test of the limits
   * sets the seed's again (PATCH /v1/adm/settings) before its first /api call.
   */
  public static FerryServer start(ServerConfig cfg) {
    FerryServer server = FerryServer.start(cfg, new PrintStream(OutputStream.nullOutputStream()));
    long unthrottled = RateLimitSettings.MAX;
    server.settings().updateRateLimits(Actor.system(), unthrottled, unthrottled, unthrottled);
    return server;
  }

  public static String cliKey(Path dataDir) {
    try {
      return Files.readString(dataDir.resolve("cli.key")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A plain-HTTP client of one server. */
  record Client(String url, HttpClient http) {
    Client(String url) {
      this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    HttpResponse<String> send(String method, String path, String apiKey, String body) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "application/json");
      if (apiKey != null) b.header("X-API-Key", apiKey);
      return call(b.build());
    }

    HttpResponse<String> basic(String method, String path, String user, String password) {
      return call(basicRequest(method, path, user, password).build());
    }

    /** A Basic-auth request as a reverse proxy would pass it on, naming {@code client} in X-Forwarded-For. */
    HttpResponse<String> basicForwarded(String client, String method, String path, String user, String password) {
      return call(basicRequest(method, path, user, password).header("X-Forwarded-For", client).build());
    }

    private HttpRequest.Builder basicRequest(String method, String path, String user, String password) {
      String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      return HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
          .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Basic " + auth);
    }

    private HttpResponse<String> call(HttpRequest r) {
      try {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Sends {@code requestLine} as is (no client-side URI checks) and returns the whole answer. */
    String raw(String requestLine, String apiKey) {
      URI u = URI.create(url);
      try (Socket s = new Socket(u.getHost(), u.getPort())) {
        s.setSoTimeout(10_000);
        String req = requestLine + "\r\nHost: " + u.getHost() + "\r\nX-API-Key: " + apiKey + "\r\nConnection: close\r\n\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = s.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }
}
