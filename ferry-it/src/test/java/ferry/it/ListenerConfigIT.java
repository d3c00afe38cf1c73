package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configured PEM certificate replaces the generated one; plain HTTP only when asked; admin Basic auth. */
class ListenerConfigIT {
  @TempDir Path tmp;

  @Test
  void aConfiguredCertificateIsServedAndAdminsLogInWithBasicAuth() {
    Path first = tmp.resolve("first");
    try (FerryProcess generated = FerryProcess.start(first)) {
      assertThat(generated.stop()).isZero();
    }
    Path cert = first.resolve("tls/server-cert.pem");
    Path key = first.resolve("tls/server-key.pem");
    Path second = tmp.resolve("second");
    try (FerryProcess configured = FerryProcess.start(second,
        List.of("--tls-cert", cert.toString(), "--tls-key", key.toString()), Map.of())) {
      // the CLI trusts the data dir's certificate: here the one configured, not a generated one
      assertThat(second.resolve("tls/server-key.pem")).doesNotExist();
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          ("admin:" + FerryProcess.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
      assertThat(second.resolve("tls/server-cert.pem")).hasSameTextualContentAs(cert);
      var api = configured.api();
      assertThat(api.callWithHeader("GET", "/v1/adm/settings", "Authorization", basic).status()).isEqualTo(200);
      String wrong = "Basic " + Base64.getEncoder().encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8));
      var refused = api.callWithHeader("GET", "/v1/adm/settings", "Authorization", wrong);
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().get("message").asText()).contains("wrong admin username or password");
      assertThat(configured.log()).doesNotContain(FerryProcess.ADMIN_PASSWORD);
    }
  }

  @Test
  void plainHttpIsServedOnlyWhenConfigured() throws Exception {
    Path data = tmp.resolve("plain");
    try (FerryProcess plain = FerryProcess.start(data, List.of("--plain-http"), Map.of())) {
      assertThat(plain.url()).startsWith("http://");
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(plain.url() + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"status\":\"ok\"");
      assertThat(Files.exists(data.resolve("tls/server-key.pem"))).isFalse();
    }
  }

  @Test
  void theSshCipherListIsConfigurableAndAnUnknownCipherStopsStartup() {
    try (FerryProcess server = FerryProcess.start(tmp.resolve("ciphers"),
        List.of("--sftp-port", "0", "--sftp-ciphers", "aes256-ctr"), Map.of())) {
      Launch.Result refused = ssh(server.sftpPort(), "aes128-gcm@openssh.com");
      assertThat(refused.err()).contains("no matching cipher found").contains("Their offer: aes256-ctr");
      Launch.Result offered = ssh(server.sftpPort(), "aes256-ctr");
      assertThat(offered.err()).contains("Permission denied").doesNotContain("no matching cipher");
    }
    Launch.Result bad = Launch.run(List.of("serve", "--data-dir", tmp.resolve("bad").toString(), "--http-port", "0",
        "--sftp-port", "0", "--sftp-ciphers", "rot13"), Map.of("FERRY_ADMIN_PASSWORD", "x"), tmp, null);
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("sftpd.ciphers: 'rot13' is unknown");
  }

  /** An SSH login attempt (no credentials in batch mode) with one cipher offered by the client. */
  private Launch.Result ssh(int port, String cipher) {
    try {
      Process p = new ProcessBuilder("ssh", "-p", String.valueOf(port), "-oBatchMode=yes", "-oStrictHostKeyChecking=no",
          "-oUserKnownHostsFile=/dev/null", "-c", cipher, "nobody@127.0.0.1", "true").start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Launch.Result(p.waitFor(), out, err);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
