package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.agent.certificate.AgentCertificate;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Agents' client certificates (V15) on every supported database; subclassed for H2 and PostgreSQL. */
abstract class AgentCertificateStoreContract {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");
  Store store;

  abstract String url();

  void dispose() {}

  @BeforeEach
  void open() {
    store = Store.open(url(), 4);
  }

  @AfterEach
  void close() {
    store.close();
    dispose();
  }

  @Test
  void aNewCertificateRevokesTheAgentsEarlierOnesOnly() {
    var repo = store.agentCertificates();
    AgentCertificate first = cert("a1", "01", T0);
    AgentCertificate other = cert("b1", "02", T0);
    repo.replace(first);
    repo.replace(other);
    assertThat(repo.findByFingerprint(first.fingerprint())).contains(first);
    assertThat(repo.current("a1")).contains(first);

    AgentCertificate second = cert("a1", "03", T0.plusSeconds(60));
    repo.replace(second);

    assertThat(repo.findByFingerprint(first.fingerprint())).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
    assertThat(repo.current("a1")).contains(second);
    assertThat(repo.current("b1")).contains(other);
  }

  @Test
  void revokingAnAgentRevokesAllItsCertificates() {
    var repo = store.agentCertificates();
    repo.replace(cert("a1", "01", T0));
    repo.replace(cert("a1", "02", T0.plusSeconds(1)));

    assertThat(repo.revokeAll("a1")).isEqualTo(1);
    assertThat(repo.revokeAll("a1")).isZero();
    assertThat(repo.current("a1")).isEmpty();
    assertThat(repo.findByFingerprint("02".repeat(32))).hasValueSatisfying(c -> assertThat(c.revoked()).isTrue());
    assertThat(repo.findByFingerprint("ff".repeat(32))).isEmpty();
  }

  @Test
  void theSealedCaIsStoredOnceBesideTheJwtKey() {
    assertThat(store.tokens().insertKeyIfAbsent("agent-ca", new byte[] {1, 2}, T0)).isTrue();
    assertThat(store.tokens().insertKeyIfAbsent("agent-ca", new byte[] {3}, T0)).isFalse();
    assertThat(store.tokens().findKey("agent-ca")).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2));
  }

  private static AgentCertificate cert(String agent, String fingerprintByte, Instant created) {
    return new AgentCertificate(agent, fingerprintByte.repeat(32), "7f" + fingerprintByte, created.plusSeconds(365L * 86_400),
        created, false);
  }
}
