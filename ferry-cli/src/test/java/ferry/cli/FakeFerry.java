package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * A small stand-in for the server's {@code /v1} API: canned or computed answers per method and
 * path, and a record of every request, over HTTP or HTTPS on a loopback port.
 */
final class FakeFerry implements AutoCloseable {
  private final HttpServer server;
  private final String scheme;
  private final Map<String, Handler> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** One request the fake received; {@code path} is decoded, {@code query} raw. */
  record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return FerryClient.JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  /** An answer: status and JSON body ({@code null} for none). */
  record Reply(int status, String body) {
    static Reply error(int status, String reason, String message) {
      return new Reply(
          status,
          FerryClient.JSON
              .createObjectNode()
              .put("status", status)
              .put("error", reason)
              .put("message", message)
              .toString());
    }
  }

  /** Computes the answer to a request. */
  interface Handler {
    Reply handle(Request request);
  }

  private FakeFerry(HttpServer server, String scheme) {
    this.server = server;
    this.scheme = scheme;
    server.createContext("/", this::serve);
    server.start();
  }

  static FakeFerry http() throws IOException {
    return new FakeFerry(HttpServer.create(loopback(), 0), "http");
  }

  static FakeFerry https(SSLContext context) throws IOException {
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    return new FakeFerry(server, "https");
  }

  FakeFerry on(String method, String path, Handler handler) {
    routes.put(method + " " + path, handler);
    return this;
  }

  FakeFerry on(String method, String path, int status, String json) {
    return on(method, path, r -> new Reply(status, json));
  }

  /** {@code scheme://127.0.0.1:port}, to pass as {@code --host}. */
  String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The only request made to {@code method path}; fails if there were none or several. */
  Request only(String method, String path) {
    List<Request> matching =
        requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one " + method + " " + path + " but got " + matching + " among " + requests);
    }
    return matching.getFirst();
  }

  /** Writes the files {@code ferry serve} leaves in its data dir: server.json and cli.key. */
  Path advertiseIn(Path dataDir, String cliKey) throws IOException {
    Files.createDirectories(dataDir);
    String json =
        FerryClient.JSON
            .createObjectNode()
            .put("url", url())
            .put("pid", ProcessHandle.current().pid())
            .toString();
    Files.writeString(dataDir.resolve(LocalServer.SERVER_FILE), json);
    Files.writeString(dataDir.resolve(LocalServer.KEY_FILE), cliKey + "\n");
    return dataDir;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      requests.add(request);
      Handler handler = routes.get(request.method() + " " + request.path());
      if (handler == null && request.path().equals(LocalServer.HEALTH_PATH)) {
        handler = r -> new Reply(200, "{\"status\":\"ok\",\"node\":\"fake\",\"version\":\"test\"}");
      }
      Reply reply =
          handler == null
              ? Reply.error(404, "Not Found", "no route " + request.method() + " " + request.path())
              : handler.handle(request);
      byte[] bytes =
          reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (RuntimeException | Error e) {
      // the CLI under test only sees a reset connection; keep the cause for the failing test
      e.printStackTrace();
      throw e;
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
