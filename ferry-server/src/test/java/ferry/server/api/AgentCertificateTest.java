package ferry.server.api;

import static ferry.server.api.ApiFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.agentca.Csrs;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agents' mTLS on an HTTPS test server: the public CA, signing an agent's CSR, and calls made with
 * only the client certificate, accepted while it is the agent's current one and the agent is active.
 */
class AgentCertificateTest {
  @TempDir static Path dir;
  static ApiFixture api;
  static Auth alice;

  @BeforeAll
  static void start() {
    api = ApiFixture.startTls(dir);
    alice = api.customer("alice");
  }

  @AfterAll
  static void stop() {
    if (api != null) api.close();
  }

  /** An agent with its key, and the key pair and certificate it got for its CSR. */
  record Enrolled(String id, Auth key, KeyPair keys, X509Certificate cert, Response answer) {}

  @Test
  void theCaIsPublicPem() throws Exception {
    Response r = api.client().get("/api/agents/ca", Auth.NONE);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-pem-file"));
    X509Certificate ca = parse(r.body());
    assertThat(ca.getBasicConstraints()).isEqualTo(0);
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void anAgentGetsACertificateForItsCsrAndCallsWithItAlone() throws Exception {
    Enrolled a = enroll("cert-alone");

    var data = a.answer().json().path("data");
    assertThat(a.cert().getSubjectX500Principal()).isEqualTo(new X500Principal("CN=" + a.id()));
    assertThat(a.cert().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(data.path("caCertificate").asText()).isEqualTo(api.client().get("/api/agents/ca", Auth.NONE).body());
    assertThat(data.path("fingerprint").asText()).matches("[0-9a-f]{64}");
    assertThat(Instant.parse(data.path("notAfter").asText())).isAfter(Instant.now().plus(Duration.ofDays(364)));

    V2Client byCert = asCertificate(a);
    Response beat = byCert.post("/api/agents/heartbeat", Auth.NONE, Map.of("load", 0.5));
    assertThat(beat.status()).as(beat.body()).isEqualTo(200);
    assertThat(beat.json().path("data").path("id").asText()).isEqualTo(a.id());
    // the agent's JSON shows the certificate it now has
    Response seen = api.client().get("/api/agents/" + a.id(), alice);
    assertThat(seen.json().path("data").path("certificate").path("fingerprint").asText())
        .isEqualTo(data.path("fingerprint").asText());
    // an agent, however it signs in, reads no agent records (GET /api/agents/{id} is for people)
    assertThat(byCert.get("/api/agents/" + a.id(), Auth.NONE).status()).isEqualTo(403);
  }

  @Test
  void withoutACertificateTheHttpsListenerStillServesAndAsksForCredentials() {
    assertThat(api.client().get("/api/health", Auth.NONE).status()).isEqualTo(200);
    Response r = api.client().post("/api/agents/heartbeat", Auth.NONE, Map.of());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
  }

  @Test
  void aDeletedAgentsCertificateIsRefused() {
    Enrolled a = enroll("cert-deleted");
    V2Client byCert = asCertificate(a);
    assertThat(byCert.post("/api/agents/heartbeat", Auth.NONE, Map.of()).status()).isEqualTo(200);

    expect(api.client().delete("/api/agents/" + a.id(), alice), 200, "delete agent");

    Response after = byCert.post("/api/agents/heartbeat", Auth.NONE, Map.of());
    assertThat(after.status()).as(after.body()).isEqualTo(401);
  }

  @Test
  void anAgentWhoseCustomerLostTheRoleIsRefused() {
    Enrolled a = enroll(api.customer("bob"), "cert-bob");
    V2Client byCert = asCertificate(a);
    assertThat(byCert.post("/api/agents/heartbeat", Auth.NONE, Map.of()).status()).isEqualTo(200);

    expect(api.client().delete("/api/customers/bob", api.admin()), 200, "take bob's customer role");

    assertThat(byCert.post("/api/agents/heartbeat", Auth.NONE, Map.of()).status()).isEqualTo(401);
  }

  @Test
  void aNewCsrReplacesTheCertificateAndTheOldOneIsRefused() {
    Enrolled a = enroll("cert-renewed");
    V2Client old = asCertificate(a);
    // renewing needs no key: the current certificate is proof enough
    KeyPair next = Csrs.ecKey();
    Response r = old.post("/api/agents/certificate", Auth.NONE, Map.of("csr", Csrs.pem(next, "CN=whatever")));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    X509Certificate renewed = parse(r.json().path("data").path("certificate").asText());

    assertThat(old.post("/api/agents/heartbeat", Auth.NONE, Map.of()).status()).isEqualTo(401);
    V2Client fresh = new V2Client(api.server().url(),
        TlsClients.presenting(ApiFixture.serverCert(dir), next.getPrivate(), renewed));
    assertThat(fresh.post("/api/agents/heartbeat", Auth.NONE, Map.of()).status()).isEqualTo(200);
  }

  @Test
  void aKeyAndACertificateMustNameTheSameAgent() {
    Enrolled a = enroll("cert-pair-a");
    Enrolled b = enroll("cert-pair-b");
    V2Client byCertA = asCertificate(a);

    assertThat(byCertA.post("/api/agents/heartbeat", a.key(), Map.of()).status()).isEqualTo(200);
    Response mixed = byCertA.post("/api/agents/heartbeat", b.key(), Map.of());
    assertThat(mixed.status()).as(mixed.body()).isEqualTo(401);
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedEvenNamingARealAgent() throws Exception {
    Enrolled a = enroll("cert-foreign");
    KeyPair caKey = Csrs.ecKey();
    KeyPair leafKey = Csrs.ecKey();
    X500Name caName = new X500Name("CN=Ferry agent CA 00000000,O=Ferry");
    Instant now = Instant.now();
    X509Certificate forged = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
        BigInteger.TEN, Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(30))),
        new X500Name("CN=" + a.id()), leafKey.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey.getPrivate())));
    V2Client byForged = new V2Client(api.server().url(),
        TlsClients.presenting(ApiFixture.serverCert(dir), leafKey.getPrivate(), forged));

    int status;
    try {
      status = byForged.post("/api/agents/heartbeat", Auth.NONE, Map.of()).status();
    } catch (UncheckedIOException refusedByTls) {
      status = 401; // the handshake refused the certificate: as good as a 401
    }
    assertThat(status).isEqualTo(401);
  }

  @Test
  void aCsrWithABrokenSignatureIs400NamingTheField() {
    Enrolled a = enroll("cert-bad-csr");

    Response r = api.client().post("/api/agents/certificate", a.key(), Map.of("csr", Csrs.badlySigned(Csrs.ecKey())));

    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().path("details").path("field").asText()).isEqualTo("csr");
    Response notPem = api.client().post("/api/agents/certificate", a.key(), Map.of("csr", "hello"));
    assertThat(notPem.status()).isEqualTo(400);
    Response missing = api.client().post("/api/agents/certificate", a.key(), Map.of());
    assertThat(missing.json().path("details").path("field").asText()).isEqualTo("csr");
  }

  @Test
  void onlyAnAgentMaySendACsr() {
    String csr = Csrs.pem(Csrs.ecKey(), "CN=x");
    assertThat(api.client().post("/api/agents/certificate", Auth.NONE, Map.of("csr", csr)).status()).isEqualTo(401);
    assertThat(api.client().post("/api/agents/certificate", alice, Map.of("csr", csr)).status()).isEqualTo(403);
    assertThat(api.client().post("/api/agents/certificate", api.admin(), Map.of("csr", csr)).status()).isEqualTo(403);
  }

  @Test
  void theRegistrationAnswerCarriesTheCsrTemplate() {
    Response r = expect(api.client().post("/api/agents/register", alice,
        Map.of("name", "cert-template", "hostname", "h", "os", "linux", "version", "1")), 201, "register");

    var mtls = r.json().path("data").path("mtls");
    String id = r.json().path("data").path("agent").path("id").asText();
    assertThat(mtls.path("enabled").asBoolean()).isTrue();
    assertThat(mtls.path("csrTemplate").asText()).contains("CN=" + id).contains("P-256");
    assertThat(mtls.path("csrEndpoint").asText()).isEqualTo("/api/agents/certificate");
  }

  private static Enrolled enroll(String name) {
    return enroll(alice, name);
  }

  private static Enrolled enroll(Auth customer, String name) {
    Auth key = api.agent(customer, name);
    String id = api.agentId(key);
    KeyPair keys = Csrs.ecKey();
    Response r = expect(api.client().post("/api/agents/certificate", key, Map.of("csr", Csrs.pem(keys, "CN=" + name))),
        200, "sign the CSR of " + name);
    return new Enrolled(id, key, keys, parse(r.json().path("data").path("certificate").asText()), r);
  }

  private static V2Client asCertificate(Enrolled a) {
    HttpClient http = TlsClients.presenting(ApiFixture.serverCert(dir), a.keys().getPrivate(), a.cert());
    return new V2Client(api.server().url(), http);
  }

  private static X509Certificate parse(String pem) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.cert.CertificateException e) {
      throw new AssertionError("not a certificate: " + pem, e);
    }
  }
}
