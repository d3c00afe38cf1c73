package ferry.pipeline.step;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts pipeline events as JSON: the webhook step and the run's {@code notify}. With a secret the
 * body is signed: {@code X-Ferry-Signature: sha256=<hex HMAC-SHA256 of the exact body, keyed with
 * the secret's value>}, so the receiver can check it came from Ferry. {@code X-Ferry-Event} names
 * the event. Redirects are not followed.
 */
public final class Webhooks {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final String SIGNATURE_HEADER = "X-Ferry-Signature";
  public static final String EVENT_HEADER = "X-Ferry-Event";

  private final HttpClient client;
  private final Duration timeout;
  private final boolean publicOnly;

  /** A client of its own with {@link #DEFAULT_TIMEOUT} to connect and to answer. */
  public Webhooks() {
    this(HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), DEFAULT_TIMEOUT);
  }

  public Webhooks(HttpClient client, Duration timeout) {
    this(client, timeout, false);
  }

  private Webhooks(HttpClient client, Duration timeout, boolean publicOnly) {
    this.client = requireNonNull(client, "No HTTP client");
    this.timeout = requireNonNull(timeout, "No timeout");
    this.publicOnly = publicOnly;
  }

  /** The same client, calling public addresses only ({@link PublicAddresses}): for customers' pipelines. */
  public Webhooks publicOnly() {
    return new Webhooks(client, timeout, true);
  }

  /** Posts {@code json} unsigned; see {@link #post(String, String, byte[], String)}. */
  public int post(String url, String event, byte[] json) throws IOException, InterruptedException {
    return send(url, event, json, null);
  }

  /**
   * Posts {@code json} to {@code url}, signed with {@code secretValue}.
   *
   * @return the status, a 2xx
   * @throws StepFailedException for another status (retryable for 5xx and 429) or a URL that is not http(s)
   * @throws IOException when the receiver could not be reached or did not answer in time
   */
  public int post(String url, String event, byte[] json, String secretValue) throws IOException, InterruptedException {
    return send(url, event, json, requireNonNull(secretValue, "No secret"));
  }

  private int send(String url, String event, byte[] json, String secretValue) throws IOException, InterruptedException {
    URI uri = uri(url);
    if (publicOnly) PublicAddresses.require(uri);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "Ferry")
            .header(EVENT_HEADER, event)
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (secretValue != null) req.header(SIGNATURE_HEADER, "sha256=" + signature(json, secretValue));
    HttpResponse<Void> resp;
    try {
      resp = client.send(req.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IOException("webhook " + describe(uri) + " failed: " + e, e);
    }
    int status = resp.statusCode();
    if (status / 100 != 2) {
      throw new StepFailedException("webhook " + describe(uri) + " answered " + status, status >= 500 || status == 429);
    }
    return status;
  }

  /** The hex HMAC-SHA256 of {@code body} keyed with {@code secretValue} (UTF-8), as the signature header carries it. */
  public static String signature(byte[] body, String secretValue) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretValue.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return StepFiles.hex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static URI uri(String url) throws StepFailedException {
    try {
      URI uri = URI.create(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return uri;
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new StepFailedException("webhook URL is not http(s): " + url.replaceAll("[?#].*", ""), false);
  }

  /** The URL without user info, query or fragment: those may carry tokens, which never go into logs. */
  static String describe(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "") + uri.getRawPath();
  }
}
