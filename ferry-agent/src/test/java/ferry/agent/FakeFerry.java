package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/** A tiny stand-in for the server's /api: records every request and answers as the test says. */
final class FakeFerry implements AutoCloseable {
  record Request(String method, String path, JsonNode body, String apiKey, long atNanos) {}

  record Answer(int status, String json, Map<String, String> headers) {
    static Answer ok(String dataJson) {
      return new Answer(200, "{\"success\":true,\"data\":" + dataJson + "}", Map.of());
    }

    static Answer status(int status) {
      return new Answer(status, status < 400 ? "{\"success\":true,\"data\":{}}" : "{\"success\":false,\"error\":\"status " + status + "\"}", Map.of());
    }
  }

  private final HttpServer http;
  private final List<Request> requests = new ArrayList<>();
  private volatile Function<Request, Answer> handler = r -> Answer.status(200);

  FakeFerry() throws IOException {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = in.length == 0 ? null : Json.MAPPER.readTree(in);
      String query = ex.getRequestURI().getRawQuery();
      Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath() + (query == null ? "" : "?" + query), body,
          ex.getRequestHeaders().getFirst("X-API-Key"), System.nanoTime());
      synchronized (requests) {
        requests.add(r);
      }
      Answer a = handler.apply(r);
      byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
      a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(a.status(), out.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    http.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  void answer(Function<Request, Answer> h) {
    handler = h;
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<Request> requests(String method, String pathPrefix) {
    return requests().stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
