package ferry.script;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A JDK HTTP(S) server on 127.0.0.1 with a random port. It records every request and answers with a
 * configured route, or by default echoes the method and body with status 200.
 */
final class FakeHttpServer implements AutoCloseable {
  /** A recorded request; header names are lower case. */
  record Request(String method, String path, Map<String, String> headers, String body) {}

  /** A canned answer. */
  record Route(int status, String body, Map<String, String> headers, Duration delay) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeHttpServer(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeHttpServer http() throws IOException {
    return new FakeHttpServer(HttpServer.create(loopback(), 0));
  }

  static FakeHttpServer https(SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new FakeHttpServer(server);
  }

  String url(String path) {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void route(String path, int status, String body) {
    routes.put(path, new Route(status, body, Map.of(), Duration.ZERO));
  }

  void route(String path, Route route) {
    routes.put(path, route);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request lastRequest() {
    return requests.getLast();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.getFirst()));
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.add(new Request(method, path, headers, body));
      Route route =
          routes.getOrDefault(
              path,
              new Route(
                  200,
                  method + " " + body,
                  Map.of("X-Echo-Method", method, "Content-Type", "text/plain; charset=utf-8"),
                  Duration.ZERO));
      if (route.delay().isPositive()) {
        try {
          Thread.sleep(route.delay());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      route.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] bytes = route.body().getBytes(StandardCharsets.UTF_8);
      boolean noBody = method.equals("HEAD") || bytes.length == 0;
      exchange.sendResponseHeaders(route.status(), noBody ? -1 : bytes.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }
}
