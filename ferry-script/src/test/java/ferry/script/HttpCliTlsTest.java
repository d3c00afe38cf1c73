package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCliTlsTest {
  private static ScriptEngine engine;
  private static SelfSignedCertificate certificate;
  private static FakeHttpServer server;

  @BeforeAll
  static void start() throws Exception {
    engine = new ScriptEngine(ScriptConfig.defaults());
    certificate = new SelfSignedCertificate();
    server = FakeHttpServer.https(certificate.serverContext());
    server.route("/hello", 200, "hello over tls");
  }

  @AfterAll
  static void stop() {
    server.close();
    engine.close();
  }

  @Test
  void defaultTrustRefusesASelfSignedCertificate() {
    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('url')).Get(); Log(r.Ok(), r.StatusCode(),"
                + " r.ErrorMsg())");

    assertThat(host.messages())
        .singleElement()
        .asString()
        .startsWith("false 0 TLS handshake with 127.0.0.1:")
        .contains("certification path");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void insecureSkipVerifyAcceptsIt() {
    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('url')).InsecureSkipVerify().Get(); Log(r.Ok(),"
                + " r.BodyAsString())");

    assertThat(host.messages()).containsExactly("true hello over tls");
  }

  @Test
  void trustCertPemAcceptsIt() {
    RecordingHost host =
        run(
            "var r = HttpCli().Url(Params('url')).TrustCertPEM(Params('pem')).Get(); Log(r.Ok(),"
                + " r.BodyAsString())");

    assertThat(host.messages()).containsExactly("true hello over tls");
  }

  @Test
  void trustCertPemOfAnotherCertificateRefusesIt() throws Exception {
    String otherPem = new SelfSignedCertificate().pem();
    RecordingHost host = new RecordingHost();
    Scripts.run(
        engine,
        "var r = HttpCli().Url(Params('url')).TrustCertPEM(Params('other')).Get(); Log(r.Ok(),"
            + " r.ErrorMsg())",
        Map.of("url", server.url("/hello"), "other", otherPem),
        host);

    assertThat(host.messages()).singleElement().asString().startsWith("false TLS handshake with");
  }

  private static RecordingHost run(String source) {
    RecordingHost host = new RecordingHost();
    try {
      Scripts.run(
          engine, source, Map.of("url", server.url("/hello"), "pem", certificate.pem()), host);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return host;
  }
}
