package ferry.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A JDK HttpClient on the /v1 face, trusting only the server's own certificate. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final HttpClient http;

  public Api(String base, Path cert) {
    this(base, cert, null);
  }

  /** A client whose requests come from {@code localAddress}, e.g. 127.0.0.2 to act as another host. */
  public Api(String base, Path cert, InetAddress localAddress) {
    this.base = base;
    HttpClient.Builder b = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(20));
    if (localAddress != null) b.localAddress(localAddress);
    this.http = b.build();
  }

  /** An HTTP answer with its body parsed when it is JSON. */
  public record Response(int status, String body, JsonNode json, java.net.http.HttpHeaders headers) {
    /** The first value of a response header, or null. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response call(String method, String path, String key, String body) {
    return key == null ? callWithHeader(method, path, null, null, body)
        : callWithHeader(method, path, "X-API-Key", key, body);
  }

  /** A call without a body carrying one extra header, such as Authorization. */
  public Response callWithHeader(String method, String path, String header, String value) {
    return callWithHeader(method, path, header, value, null);
  }

  /** A call with a JSON body (or none) carrying one extra header, such as Authorization. */
  public Response callWithHeader(String method, String path, String header, String value, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (header != null) b.header(header, value);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (r.headers().firstValue("Content-Type").orElse("").contains("json") && !r.body().isEmpty())
        json = JSON.readTree(r.body());
      return new Response(r.statusCode(), r.body(), json, r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  public Response get(String path, String key) {
    return call("GET", path, key, null);
  }

  public Response post(String path, String key, String body) {
    return call("POST", path, key, body);
  }

  /** Calls and checks the status, failing with the body when it differs. */
  public JsonNode expect(int status, String method, String path, String key, String body) {
    Response r = call(method, path, key, body);
    if (r.status() != status) throw new AssertionError("expected " + status + " from " + method + " " + path + ", got " + r);
    return r.json();
  }

  /** Polls a job until it has ended and returns it with its whole log. */
  public JsonNode awaitJobEnd(String jobId, String key) {
    return Waits.until("job " + jobId + " to end", Duration.ofSeconds(60), () -> {
      JsonNode j = expect(200, "GET", "/v1/adm/jobs/" + jobId, key, null);
      String s = j.get("status").asText();
      return s.equals("queued") || s.equals("running") ? null : j;
    });
  }

  /** A TLS context trusting only {@code cert} (the default one when that file does not exist). */
  public static SSLContext trusting(Path cert) {
    if (!Files.exists(cert)) return defaultContext(); // a plain-HTTP server has no certificate
    try (InputStream in = Files.newInputStream(cert)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException("cannot trust " + cert + ": " + e, e);
    }
  }

  private static SSLContext defaultContext() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
