package ferry.server;

import static ferry.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11 item 8: plain HTTP sent to the HTTPS port gets an answer saying to use HTTPS, not a closed connection. */
class PlainHttpOnTlsPortTest {
  @TempDir static Path dir;
  static FerryServer server;
  static TestServers.Client client;
  static String key;

  @BeforeAll
  static void start() {
    server = TestServers.start(TestServers.config(dir, false, List.of(), null));
    client = new TestServers.Client(server.url());
    key = TestServers.cliKey(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @Test
  void plainHttpIsA400ThatNamesTheHttpsUrl() {
    String answer = client.raw("GET /v1/health HTTP/1.1", key);

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(answer).containsIgnoringCase("Connection: close");
    JsonNode body = json(body(answer));
    assertThat(body.path("status").asInt()).isEqualTo(400);
    assertThat(body.path("message").asText())
        .contains("HTTPS")
        .contains("https://127.0.0.1:" + server.httpPort() + "/");
  }

  @Test
  void plainHttpGetsNoDataEvenWithAValidKey() {
    String answer = client.raw("GET /v1/adm/apikeys HTTP/1.1", key);

    assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("local-cli");
  }

  @Test
  void plainHttpOnTheFileServerFaceGetsItsShape() {
    String answer = client.raw("GET /api/v2/user/dirs HTTP/1.1", key);

    assertThat(answer).startsWith("HTTP/1.1 400");
    assertThat(json(body(answer)).path("error").asText()).contains("https://");
  }

  @Test
  void httpsIsServedAsBefore() throws Exception {
    TestServers.Client https = new TestServers.Client(server.url(),
        HttpClient.newBuilder().sslContext(trusting(dir.resolve("tls/server-cert.pem")))
            .connectTimeout(Duration.ofSeconds(5)).build());

    HttpResponse<String> r = https.send("GET", "/v1/adm/apikeys", key, null);

    assertThat(server.url()).startsWith("https://");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private static String body(String answer) {
    return answer.substring(answer.indexOf("\r\n\r\n") + 4);
  }

  private static SSLContext trusting(Path pem) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      trust.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
