package ferry.server.agentca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.agent.certificate.AgentCertificate;
import ferry.core.agent.certificate.AgentCertificateRepository;
import ferry.core.agent.certificate.AgentCertificateService;
import ferry.core.agent.certificate.AgentCsr;
import ferry.core.agent.certificate.Fingerprints;
import ferry.core.agent.certificate.SignedCertificate;
import ferry.core.auth.token.TokenRepository;
import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class AgentCaTest {
  static final String AGENT = "0f3c7a52-9a8e-4a55-b1c5-7b0c2a3c0e11";

  final MemoryKeys keys = new MemoryKeys();
  final SecretCipher cipher = new SecretCipher(randomKey());
  final Clock clock = Clock.systemUTC();
  final AgentCa ca = AgentCa.load(keys, cipher, clock);

  @Test
  void signsAClientCertificateForTheAgentWhateverTheRequestSubject() throws Exception {
    KeyPair agentKey = Csrs.ecKey();

    SignedCertificate signed = ca.sign(AGENT, Csrs.pem(agentKey, "CN=someone-else,O=Evil"));

    X509Certificate cert = parse(signed.pem());
    assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=" + AGENT));
    assertThat(cert.getPublicKey()).isEqualTo(agentKey.getPublic());
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(Duration.between(Instant.now(), cert.getNotAfter().toInstant()))
        .isBetween(Duration.ofDays(364), Duration.ofDays(366));
    assertThat(signed.fingerprint()).isEqualTo(Fingerprints.sha256(cert)).hasSize(64);
    assertThat(signed.notAfter()).isEqualTo(cert.getNotAfter().toInstant());
    assertThat(signed.serial()).isEqualTo(cert.getSerialNumber().toString(16));
    // the chain validates up to the agent CA as the only trust anchor
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert)), params);
  }

  @Test
  void theCaIsAnEcP256CaCertificate() {
    X509Certificate c = ca.certificate();
    assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(c.getBasicConstraints()).isEqualTo(0);
    assertThat(c.getKeyUsage()[5]).isTrue(); // keyCertSign
    assertThat(ca.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void everyNodeOfTheDatabaseLoadsTheSameCaAndItIsStoredSealed() {
    AgentCa other = AgentCa.load(keys, cipher, clock);

    assertThat(other.certificate()).isEqualTo(ca.certificate());
    String stored = new String(keys.findKey(AgentCa.KEY_NAME).orElseThrow(), StandardCharsets.ISO_8859_1);
    assertThat(stored).doesNotContain("PRIVATE KEY");
  }

  @Test
  void refusesARequestWhoseSignatureDoesNotVerify() {
    assertRefused(Csrs.badlySigned(Csrs.ecKey()), "signature");
  }

  @Test
  void refusesWhatIsNoRequest() {
    assertRefused("", "required");
    assertRefused("hello", "PEM");
    assertRefused(ca.certificatePem(), "CERTIFICATE REQUEST");
    String pem = Csrs.pem(Csrs.ecKey(), "CN=x");
    assertRefused(pem.substring(0, pem.length() / 2) + "\n-----END CERTIFICATE REQUEST-----\n", "csr");
  }

  @Test
  void acceptsP384AndRefusesOtherCurves() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp384r1"));
    assertThat(ca.sign(AGENT, Csrs.pem(gen.generateKeyPair(), "CN=x")).pem()).contains("BEGIN CERTIFICATE");
    gen.initialize(new ECGenParameterSpec("secp521r1"));
    assertRefused(Csrs.pem(gen.generateKeyPair(), "CN=x"), "P-256");
  }

  @Test
  void refusesAWeakKey() {
    assertRefused(Csrs.pem(Csrs.rsaKey(1024), "CN=x"), "2048");
    assertThat(ca.sign(AGENT, Csrs.pem(Csrs.rsaKey(2048), "CN=x")).pem()).contains("BEGIN CERTIFICATE");
  }

  @Test
  void aNewCertificateReplacesTheOldOneAndRevocationEndsBoth() throws Exception {
    AgentCertificateService service = new AgentCertificateService(new MemoryCertificates(), ca, clock);
    var first = service.issue(AGENT, Csrs.pem(Csrs.ecKey(), "CN=a"));
    assertThat(service.recorded(parse(first.certificate()))).map(AgentCertificate::agentId).contains(AGENT);
    assertThat(first.caCertificate()).isEqualTo(ca.certificatePem());

    var second = service.issue(AGENT, Csrs.pem(Csrs.ecKey(), "CN=a"));

    assertThat(service.recorded(parse(first.certificate()))).isEmpty();
    assertThat(service.recorded(parse(second.certificate()))).isPresent();
    assertThat(service.current(AGENT)).map(AgentCertificate::fingerprint).contains(second.fingerprint());
    service.revoke(AGENT);
    assertThat(service.recorded(parse(second.certificate()))).isEmpty();
    assertThat(service.current(AGENT)).isEmpty();
  }

  @Test
  void theTemplateNamesTheSubjectAndTheKeyType() {
    assertThat(AgentCsr.template(AGENT)).contains("/CN=" + AGENT).contains("-newkey ec").contains("P-256");
  }

  private void assertRefused(String pem, String messagePart) {
    assertThatThrownBy(() -> ca.sign(AGENT, pem))
        .isInstanceOfSatisfying(ValidationException.class, e -> {
          assertThat(e.details()).containsEntry("field", "csr");
          assertThat(e.getMessage()).containsIgnoringCase(messagePart);
        });
  }

  static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  static final class MemoryKeys implements TokenRepository {
    final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> findKey(String name) {
      return Optional.ofNullable(keys.get(name));
    }

    @Override
    public boolean insertKeyIfAbsent(String name, byte[] sealed, Instant createdAt) {
      return keys.putIfAbsent(name, sealed) == null;
    }

    @Override
    public void revoke(String id, Instant expiresAt) {}

    @Override
    public boolean isRevoked(String id) {
      return false;
    }

    @Override
    public int pruneRevoked(Instant now) {
      return 0;
    }
  }

  static final class MemoryCertificates implements AgentCertificateRepository {
    final List<AgentCertificate> rows = new ArrayList<>();

    @Override
    public synchronized void replace(AgentCertificate c) {
      revokeAll(c.agentId());
      rows.add(c);
    }

    @Override
    public synchronized Optional<AgentCertificate> findByFingerprint(String fingerprint) {
      return rows.stream().filter(r -> r.fingerprint().equals(fingerprint)).findFirst();
    }

    @Override
    public synchronized Optional<AgentCertificate> current(String agentId) {
      return rows.stream().filter(r -> r.agentId().equals(agentId) && !r.revoked())
          .max(Comparator.comparing(AgentCertificate::createdAt));
    }

    @Override
    public synchronized int revokeAll(String agentId) {
      int n = 0;
      for (int i = 0; i < rows.size(); i++) {
        AgentCertificate r = rows.get(i);
        if (r.agentId().equals(agentId) && !r.revoked()) {
          rows.set(i, new AgentCertificate(r.agentId(), r.fingerprint(), r.serial(), r.notAfter(), r.createdAt(), true));
          n++;
        }
      }
      return n;
    }
  }
}
