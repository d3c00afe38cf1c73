package ferry.server;

import static ferry.server.TestServers.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 items 6, 7, 10, 15 and 17 on a real in-process server. */
class ServerHardeningTest {
  @TempDir Path dir;

  @Test
  void aCrashedServersCliKeyIsRevokedAtTheNextStartLeavingOneKeyPerDataDir() {
    FerryServer first = TestServers.start(TestServers.config(dir, true, List.of(), null));
    String oldKey = TestServers.cliKey(dir);
    first.halt(); // kill -9: no clean stop
    FerryServer second = TestServers.start(TestServers.config(dir, true, List.of(), null));
    try {
      TestServers.Client c = new TestServers.Client(second.url());
      String newKey = TestServers.cliKey(dir);
      assertThat(c.send("GET", "/v1/adm/apikeys", oldKey, null).statusCode()).isEqualTo(401);
      HttpResponse<String> keys = c.send("GET", "/v1/adm/apikeys", newKey, null);
      assertThat(keys.statusCode()).isEqualTo(200);
      List<String> local = new ArrayList<>();
      for (JsonNode k : json(keys.body()).path("items")) {
        if (k.path("name").asText().startsWith("local-cli")) local.add(k.path("name").asText());
      }
      assertThat(local).hasSize(1);
    } finally {
      second.stop();
    }
  }

  @Test
  void theLocalCliKeyLiftsABanOfLoopbackThatOtherCallersCannotPass() {
    FerryServer server = TestServers.start(TestServers.config(dir, true, List.of(), DefenderConfig.defaults().withThreshold(4)));
    try {
      TestServers.Client c = new TestServers.Client(server.url());
      // loopback is not exempt by default: two wrong logins (2 points each) ban it
      for (int i = 0; i < 2; i++) assertThat(c.basic("GET", "/v1/adm/users", "admin", "wrong").statusCode()).isEqualTo(401);
      assertThat(c.basic("GET", "/v1/adm/users", "admin", TestServers.ADMIN_PASSWORD).statusCode()).isEqualTo(403);
      // the local key's id with a forged secret is any other caller: still banned
      String cliKey = TestServers.cliKey(dir);
      String forged = cliKey.substring(0, cliKey.indexOf('.') + 1) + "forged-secret";
      assertThat(c.send("DELETE", "/v1/adm/defender/hosts/127.0.0.1", forged, null).statusCode()).isEqualTo(403);
      HttpResponse<String> unban = c.send("DELETE", "/v1/adm/defender/hosts/127.0.0.1", TestServers.cliKey(dir), null);
      assertThat(unban.statusCode()).as(unban.body()).isEqualTo(204);
      assertThat(c.basic("GET", "/v1/adm/users", "admin", TestServers.ADMIN_PASSWORD).statusCode()).isEqualTo(200);
    } finally {
      server.stop();
    }
  }

  @Test
  void behindATrustedProxyTheForwardedClientIsBannedAndFromAnyOtherPeerTheHeaderIsIgnored() {
    DefenderConfig strict = DefenderConfig.defaults().withThreshold(4);
    String users = "/v1/adm/users";
    String pw = TestServers.ADMIN_PASSWORD;
    FerryServer proxied = TestServers.start(
        TestServers.config(dir, true, List.of(), strict, List.of(Cidr.parse("127.0.0.1/32"))));
    try {
      TestServers.Client c = new TestServers.Client(proxied.url());
      for (int i = 0; i < 2; i++) c.basicForwarded("203.0.113.9", "GET", users, "admin", "wrong");
      assertThat(c.basicForwarded("203.0.113.9", "GET", users, "admin", pw).statusCode()).isEqualTo(403);
      // a client-written entry left of the real one changes nothing
      assertThat(c.basicForwarded("198.51.100.1, 203.0.113.9", "GET", users, "admin", pw).statusCode()).isEqualTo(403);
      // the proxy's other clients, and the proxy itself, are not banned
      assertThat(c.basicForwarded("203.0.113.10", "GET", users, "admin", pw).statusCode()).isEqualTo(200);
      assertThat(c.basic("GET", users, "admin", pw).statusCode()).isEqualTo(200);
    } finally {
      proxied.stop();
    }
    FerryServer direct = TestServers.start(TestServers.config(dir, true, List.of(), strict));
    try {
      TestServers.Client c = new TestServers.Client(direct.url());
      for (int i = 0; i < 2; i++) c.basicForwarded("203.0.113.9", "GET", users, "admin", "wrong");
      // no trusted proxy: the header is the client's own words, and the TCP peer was banned
      assertThat(c.basicForwarded("203.0.113.10", "GET", users, "admin", pw).statusCode()).isEqualTo(403);
    } finally {
      direct.stop();
    }
  }

  @Test
  void anUnknownAdminAndAWrongPasswordGetTheSameAnswerWithWwwAuthenticate() {
    FerryServer server = TestServers.start(TestServers.config(dir, true, List.of(), DefenderConfig.defaults().withThreshold(100)));
    try {
      TestServers.Client c = new TestServers.Client(server.url());
      HttpResponse<String> unknown = c.basic("GET", "/v1/adm/users", "nobody", "wrong");
      HttpResponse<String> wrong = c.basic("GET", "/v1/adm/users", "admin", "wrong");
      assertThat(unknown.statusCode()).isEqualTo(401);
      assertThat(unknown.body()).isEqualTo(wrong.body());
      assertThat(unknown.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"ferry\"");
    } finally {
      server.stop();
    }
  }

  @Test
  void filePathAnswersTheSameForAMissingFileAndAFileOutsideTheScriptDirs() throws Exception {
    Path scripts = Files.createDirectories(dir.resolve("scripts"));
    Path outside = Files.writeString(dir.resolve("outside.js"), "Exit(0)");
    FerryServer server = TestServers.start(TestServers.config(dir.resolve("data"), true, List.of(scripts), null));
    try {
      TestServers.Client c = new TestServers.Client(server.url());
      String key = TestServers.cliKey(dir.resolve("data"));
      HttpResponse<String> missing = c.send("POST", "/v1/jobs", key,
          "{\"filePath\": " + TestServers.JSON.writeValueAsString(scripts.resolve("missing.js").toString()) + "}");
      HttpResponse<String> out = c.send("POST", "/v1/jobs", key,
          "{\"filePath\": " + TestServers.JSON.writeValueAsString(outside.toString()) + "}");
      assertThat(missing.statusCode()).isBetween(400, 499);
      assertThat(out.statusCode()).isEqualTo(missing.statusCode());
      assertThat(out.body()).isEqualTo(missing.body());
    } finally {
      server.stop();
    }
  }

  @Test
  void dataDirFilesAreOwnerOnlyAndWiderOnesAreNarrowed() throws Exception {
    Files.createDirectories(dir.resolve("ssh"));
    Files.setPosixFilePermissions(dir.resolve("ssh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("master.key"), java.util.Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(dir.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));
    FerryServer server = TestServers.start(TestServers.config(dir, false, List.of(), null));
    try {
      List<String> wide = new ArrayList<>();
      try (Stream<Path> all = Files.walk(dir)) {
        all.filter(p -> !p.startsWith(dir.resolve("db")) || p.equals(dir.resolve("db"))).forEach(p -> {
          try {
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            if (!mode.equals(Files.isDirectory(p) ? "rwx------" : "rw-------")) wide.add(p + " " + mode);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      }
      assertThat(wide).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void theSelfSignedCertificateIsForServerAuthAndLivesAtMost397Days() throws Exception {
    FerryServer server = TestServers.start(TestServers.config(dir, false, List.of(), null));
    server.stop();
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(dir.resolve("tls/server-cert.pem"))) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isLessThanOrEqualTo(Duration.ofDays(397).plusHours(1));
  }

  @Test
  void httpsOffersOnlyTls12AeadSuitesAndTls13() throws Exception {
    FerryServer server = TestServers.start(TestServers.config(dir, false, List.of(), null));
    try {
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
        public void checkClientTrusted(X509Certificate[] c, String a) {}
        public void checkServerTrusted(X509Certificate[] c, String a) {}
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      assertThat(handshake(ctx, server.httpPort(), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isTrue();
      assertThat(handshake(ctx, server.httpPort(), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")).isFalse();
      assertThat(handshake(ctx, server.httpPort(), "TLSv1.3", "TLS_AES_128_GCM_SHA256")).isTrue();
    } finally {
      server.stop();
    }
  }

  private static boolean handshake(javax.net.ssl.SSLContext ctx, int port, String protocol, String suite) {
    try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.setEnabledProtocols(new String[] {protocol});
      s.setEnabledCipherSuites(new String[] {suite});
      s.startHandshake();
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
