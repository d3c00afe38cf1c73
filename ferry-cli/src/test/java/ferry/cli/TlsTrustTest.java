package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI trusts the data dir's self-signed certificate, refuses others, and --insecure. */
class TlsTrustTest {
  @TempDir Path dataDir;
  FakeFerry server;

  FakeFerry serve(TestCerts certs) throws Exception {
    server = FakeFerry.https(certs.serverContext());
    server.on("GET", "/v1/adm/scripts", 200, "{\"items\":[]}");
    return server;
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  String hostPort() {
    return server.url().substring("https://".length());
  }

  @Test
  void localServerIsTrustedThroughTheDataDirCertificate() throws Exception {
    TestCerts certs = TestCerts.selfSigned("localhost", true);
    serve(certs).advertiseIn(dataDir, "cli.key");
    certs.writeTo(dataDir);

    Cli.Result result = Cli.run("script", "list", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).isEqualTo("no scripts");
  }

  @Test
  void hostWithoutSchemeSpeaksHttpsAndTrustsTheDataDirCertificate() throws Exception {
    TestCerts certs = TestCerts.selfSigned("localhost", true);
    serve(certs).on("POST", "/v1/jobs", 201, "{\"id\":\"j1\",\"status\":\"queued\"}");
    certs.writeTo(dataDir);

    Cli.Result result =
        Cli.run(
            "start", "-n", "x", "-a", "k", "--host", hostPort(), "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).isEqualTo("j1");
  }

  @Test
  void unknownCertificateIsRefusedWithAdvice() throws Exception {
    serve(TestCerts.selfSigned("localhost", true));

    Cli.Result result =
        Cli.run(
            "script", "list", "--host", hostPort(), "-a", "k", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("TLS handshake with " + server.url() + " failed")
        .contains("--insecure")
        .contains(dataDir.resolve(TlsTrust.CERT_FILE).toString());
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void localServerWithAnUntrustedCertificateIsReportedAsSuchNotAsMissing() throws Exception {
    serve(TestCerts.selfSigned("localhost", true)).advertiseIn(dataDir, "cli.key");

    Cli.Result result = Cli.run("script", "list", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("TLS handshake").doesNotContain("no Ferry server is running");
  }

  @Test
  void certificateForAnotherHostNameIsRefusedEvenFromTheDataDir() throws Exception {
    TestCerts certs = TestCerts.selfSigned("elsewhere.example", false);
    serve(certs);
    certs.writeTo(dataDir);

    Cli.Result result =
        Cli.run(
            "script", "list", "--host", hostPort(), "-a", "k", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("TLS handshake").contains("--insecure");
  }

  @Test
  void insecureAcceptsAnyCertificateAndSkipsTheHostNameCheck() throws Exception {
    serve(TestCerts.selfSigned("elsewhere.example", false));

    Cli.Result result =
        Cli.run(
            "script",
            "list",
            "--host",
            hostPort(),
            "-a",
            "k",
            "--insecure",
            "--data-dir",
            dataDir.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("GET", "/v1/adm/scripts").header("X-API-Key")).isEqualTo("k");
  }

  @Test
  void unreadableCertificateFileIsReported() throws Exception {
    serve(TestCerts.selfSigned("localhost", true));
    Files.createDirectories(dataDir.resolve("tls"));
    Files.writeString(dataDir.resolve(TlsTrust.CERT_FILE), "not a certificate");

    Cli.Result result =
        Cli.run(
            "script", "list", "--host", hostPort(), "-a", "k", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cannot read the server certificate");
  }
}
