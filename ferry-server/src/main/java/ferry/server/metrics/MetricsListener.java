package ferry.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ferry.httpd.HttpMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain-HTTP listener that serves {@code GET /metrics} without credentials, as Prometheus
 * scrapes by default; bound to loopback unless told otherwise.
 */
public final class MetricsListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MetricsListener.class);
  private static final String PATH = "/metrics";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final String host;

  private MetricsListener(MetricsConfig config, Supplier<String> scrape) {
    this.host = config.address();
    try {
      server = HttpServer.create(new InetSocketAddress(config.address(), config.port()), 0);
    } catch (IOException e) {
      executor.close();
      throw new UncheckedIOException("cannot listen for metrics on " + config.address() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    server.setExecutor(executor);
    server.createContext("/", exchange -> answer(exchange, scrape));
  }

  /**
   * Starts listening on {@code config}'s address and port.
   *
   * @throws UncheckedIOException when that address and port cannot be bound
   */
  public static MetricsListener start(MetricsConfig config, Supplier<String> scrape) {
    MetricsListener listener = new MetricsListener(config, scrape);
    listener.server.start();
    if (!listener.server.getAddress().getAddress().isLoopbackAddress())
      log.warn("metrics listener on {} answers anyone who can reach it, without credentials", listener.url());
    return listener;
  }

  /** The scrape URL. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + server.getAddress().getPort() + PATH;
  }

  private static void answer(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found: metrics are at " + PATH + "\n");
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method " + method + " is not allowed on " + PATH + "\n");
      } else {
        send(exchange, 200, HttpMetrics.CONTENT_TYPE, scrape.get());
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (head) return;
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
