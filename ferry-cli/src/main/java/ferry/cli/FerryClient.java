package ferry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLException;

/**
 * The HTTP client every command uses to talk to the {@code /v1} API: one base URL, one API key,
 * JSON in and out, and error answers turned into {@link ApiException}s whose message is the
 * server's.
 */
final class FerryClient implements AutoCloseable {
  static final JsonTrees JSON = new JsonTrees();
  static final String API_KEY_HEADER = "X-API-Key";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);

  private final String baseUrl;
  private final String apiKey;
  private final TlsTrust trust;
  private final HttpClient http;

  /**
   * @param baseUrl {@code scheme://host:port}, as made by {@link #baseUrl(String)}
   * @param apiKey the key sent as {@code X-API-Key}, or null for unauthenticated calls
   */
  FerryClient(String baseUrl, String apiKey, TlsTrust trust) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.trust = trust;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .sslContext(trust.sslContext())
            .build();
  }

  /** Turns {@code HOST:PORT}, {@code http://HOST:PORT} or {@code https://HOST:PORT} into a URL. */
  static String baseUrl(String host) {
    String url = host.contains("://") ? host : "https://" + host;
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  /** Encodes one path segment, such as a script name with spaces. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Builds {@code ?k=v&...} from the entries whose value is not null; empty if none. */
  static String query(Map<String, ?> params) {
    StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach(
        (k, v) -> {
          if (v != null) {
            joiner.add(segment(k) + "=" + segment(v.toString()));
          }
        });
    return joiner.toString();
  }

  /** The JSON text of {@code json}, indented for people and still fine for jq. */
  static String pretty(JsonNode json) {
    return JSON.writePretty(json);
  }

  String url() {
    return baseUrl;
  }

  JsonNode get(String path) {
    return send("GET", path, null).body();
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, body).body();
  }

  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, body).body();
  }

  JsonNode patch(String path, JsonNode body) {
    return send("PATCH", path, body).body();
  }

  void delete(String path) {
    send("DELETE", path, null);
  }

  /**
   * Sends one request and returns the answer when its status is 2xx.
   *
   * @param body sent as JSON; null for no body
   * @throws ApiException when the server answers an error status
   * @throws CliException when the server cannot be reached or the TLS handshake fails
   */
  Response send(String method, String path, JsonNode body) {
    HttpResponse<String> response = exchange(request(method, path, body, REQUEST_TIMEOUT));
    JsonNode json = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      throw error(method, path, response.statusCode(), json);
    }
    return new Response(response.statusCode(), json);
  }

  /**
   * Whether the server answers {@code GET path} with a 2xx status; false when nothing listens.
   *
   * @throws CliException when something listens but the TLS handshake fails, since that is a trust
   *     problem to report rather than a server that is not running
   */
  boolean answers(String path) {
    try {
      HttpRequest request = request("GET", path, null, HEALTH_TIMEOUT);
      return http.send(request, BodyHandlers.discarding()).statusCode() / 100 == 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    } catch (IOException e) {
      SSLException tls = sslCause(e);
      if (tls != null) {
        throw new CliException(trust.handshakeAdvice(baseUrl, tls), e);
      }
      return false;
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** A 2xx answer; {@code body} is a missing node when the answer had none. */
  record Response(int status, JsonNode body) {}

  private HttpRequest request(String method, String path, JsonNode body, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (apiKey != null) {
      builder.header(API_KEY_HEADER, apiKey);
    }
    if (body == null) {
      return builder.method(method, BodyPublishers.noBody()).build();
    }
    return builder
        .header("Content-Type", "application/json")
        .method(method, BodyPublishers.ofString(JSON.write(body), StandardCharsets.UTF_8))
        .build();
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted", e);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private CliException unreachable(IOException e) {
    SSLException tls = sslCause(e);
    if (tls != null) {
      return new CliException(trust.handshakeAdvice(baseUrl, tls), e);
    }
    if (e instanceof ConnectException) {
      return new CliException(
          "cannot connect to " + baseUrl + ": connection refused; is the server running?", e);
    }
    if (e instanceof HttpTimeoutException) {
      return new CliException("no answer from " + baseUrl + " in time (" + e.getMessage() + ")", e);
    }
    return new CliException("request to " + baseUrl + " failed: " + e, e);
  }

  private static SSLException sslCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  private static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  private ApiException error(String method, String path, int status, JsonNode body) {
    // the orchestration face (/api) answers {"success":false,"error":"<message>"}
    boolean envelope = body.path("success").isBoolean();
    String message = body.path(envelope ? "error" : "message").asText("");
    if (message.isEmpty()) {
      message = "the server answered " + method + " " + path + " with HTTP " + status;
    }
    if (body.hasNonNull("line")) {
      message +=
          " (line "
              + body.get("line").asText()
              + ", column "
              + body.path("column").asText("?")
              + ")";
    }
    String reason = envelope ? "" : body.path("error").asText("");
    return new ApiException(status, message + " [" + (status + " " + reason).trim() + "]", body);
  }
}
