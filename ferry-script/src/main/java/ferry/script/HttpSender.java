package ferry.script;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Sends the HTTP requests of one run on the shared clients. The calling script thread waits for the
 * response, for the timeout or for the run to be stopped, whichever comes first; every failure
 * becomes an {@link HttpCliResponse} with status 0 and a message naming the target. Redirects are
 * followed here, as {@link HttpRedirects} decides, within the one timeout of the request.
 */
final class HttpSender {
  private static final String USER_AGENT = "Ferry-Script/1";

  private final HttpClients clients;
  private final ScriptConfig config;
  private final RunControl control;

  HttpSender(HttpClients clients, ScriptConfig config, RunControl control) {
    this.clients = clients;
    this.config = config;
    this.control = control;
  }

  HttpCliResponse send(HttpSpec spec) {
    URI uri;
    try {
      uri = parse(spec.url());
    } catch (URISyntaxException e) {
      return HttpCliResponse.failure("invalid URL \"" + spec.url() + "\": " + e.getReason());
    }
    HttpClient client;
    try {
      client = clients.client(spec.trust());
    } catch (GeneralSecurityException e) {
      return HttpCliResponse.failure("invalid TrustCertPEM: " + e.getMessage());
    }
    Duration timeout = spec.timeout().isZero() ? config.defaultHttpTimeout() : spec.timeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRedirects.Hop hop = new HttpRedirects.Hop(spec.method(), uri, spec.headers(), spec.body());
    for (int redirects = 0; ; redirects++) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return HttpCliResponse.failure(timedOut(hop.uri(), timeout));
      }
      HttpRequest request;
      try {
        request = request(hop, Duration.ofNanos(left));
      } catch (IllegalArgumentException e) {
        return HttpCliResponse.failure("invalid request: " + e.getMessage());
      }
      HttpCliResponse response = exchange(client, request, hop.uri(), timeout, left);
      if (response.status() == 0) {
        return response;
      }
      switch (HttpRedirects.next(hop, response.status(), response.header("Location"))) {
        case HttpRedirects.Stop stop -> {
          return response.withError(stop.error());
        }
        case HttpRedirects.Follow follow -> {
          if (redirects == HttpRedirects.MAX_REDIRECTS) {
            return response.withError(
                "redirect not followed: more than " + HttpRedirects.MAX_REDIRECTS + " redirects");
          }
          hop = follow.hop();
        }
      }
    }
  }

  /** One request and response; the run's stop or the chain's deadline ends the wait. */
  private HttpCliResponse exchange(
      HttpClient client, HttpRequest request, URI uri, Duration timeout, long leftNanos) {
    long limit = config.maxHttpBodyBytes();
    CompletableFuture<HttpResponse<CappedBodySubscriber.Body>> exchange =
        client.sendAsync(request, info -> new CappedBodySubscriber(limit));
    boolean answered;
    try {
      answered = control.await(exchange, Math.max(1, TimeUnit.NANOSECONDS.toMillis(leftNanos)));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return HttpCliResponse.failure(timedOut(uri, timeout));
    }
    if (!answered) {
      exchange.cancel(true);
      control.unwind();
      return HttpCliResponse.failure("request to " + target(uri) + " aborted: script stopped");
    }
    try {
      HttpResponse<CappedBodySubscriber.Body> response = exchange.join();
      CappedBodySubscriber.Body body = response.body();
      String error =
          body.truncated()
              ? "response body exceeds the limit of "
                  + config.maxHttpBodyBytes()
                  + " bytes; BodyAsString() holds only the start"
              : "";
      return HttpCliResponse.received(
          response.statusCode(), response.headers(), body.bytes(), error);
    } catch (CompletionException | CancellationException e) {
      return HttpCliResponse.failure(
          describe(e.getCause() == null ? e : e.getCause(), uri, timeout));
    }
  }

  private static URI parse(String url) throws URISyntaxException {
    if (url.isBlank()) {
      throw new URISyntaxException(url, "no URL set; call .Url(url) first");
    }
    URI uri = new URI(url.trim());
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new URISyntaxException(url, "only http and https URLs are supported");
    }
    if (uri.getHost() == null) {
      throw new URISyntaxException(url, "no host");
    }
    return uri;
  }

  private static HttpRequest request(HttpRedirects.Hop hop, Duration timeout) {
    URI uri = hop.uri();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", USER_AGENT)
            .method(
                hop.method(),
                hop.body()
                    .map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    // No h2c upgrade on plain http: some servers mishandle it; over TLS, ALPN picks HTTP/2.
    if (uri.getScheme().equalsIgnoreCase("http")) {
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    for (Map.Entry<String, String> header : hop.headers().entrySet()) {
      builder.setHeader(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  private static String describe(Throwable failure, URI uri, Duration timeout) {
    String target = target(uri);
    return switch (failure) {
      case HttpConnectTimeoutException e -> "connection to " + target + " timed out";
      case HttpTimeoutException e -> timedOut(uri, timeout);
      case ConnectException e -> cannotConnect(e, target);
      case UnresolvedAddressException e -> "unknown host " + uri.getHost();
      case UnknownHostException e -> "unknown host " + uri.getHost();
      case SSLException e -> "TLS handshake with " + target + " failed: " + rootMessage(e);
      case CancellationException e -> "request to " + target + " aborted";
      default ->
          failure.getCause() instanceof UnresolvedAddressException
              ? "unknown host " + uri.getHost()
              : "request to " + target + " failed: " + rootMessage(failure);
    };
  }

  private static String timedOut(URI uri, Duration timeout) {
    return "request to " + target(uri) + " timed out after " + Durations.human(timeout);
  }

  private static String target(URI uri) {
    int port = uri.getPort();
    if (port < 0) {
      port = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
    return uri.getHost() + ":" + port;
  }

  // ConnectException from the JDK client often has no message; a cause may say more.
  private static String cannotConnect(ConnectException failure, String target) {
    String message = deepestMessage(failure);
    return message.isEmpty() || message.toLowerCase(Locale.ROOT).contains("refused")
        ? "connection refused to " + target
        : "cannot connect to " + target + ": " + message;
  }

  private static String rootMessage(Throwable failure) {
    String message = deepestMessage(failure);
    return message.isEmpty() ? failure.getClass().getSimpleName() : message;
  }

  private static String deepestMessage(Throwable failure) {
    String message = "";
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message;
  }
}
