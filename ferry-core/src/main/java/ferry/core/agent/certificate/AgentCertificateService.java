package ferry.core.agent.certificate;

import static java.util.Objects.requireNonNull;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Agents' client certificates (mTLS): issued by the agent CA from an agent's CSR, recorded by
 * fingerprint, and accepted on the HTTPS listener only while recorded, unrevoked and unexpired. A
 * new certificate replaces the agent's previous one; revoking the agent revokes them all.
 *
 * <p>Whether the agent itself still exists and is active is its service's business: callers check
 * both ({@code OrchestrationAuth}).
 */
public final class AgentCertificateService {
  private final AgentCertificateRepository repo;
  private final CertificateAuthority ca;
  private final Clock clock;

  /** What an agent receives for its CSR. */
  public record Issued(String certificate, String caCertificate, String fingerprint, Instant notAfter) {}

  public AgentCertificateService(AgentCertificateRepository repo, CertificateAuthority ca, Clock clock) {
    this.repo = requireNonNull(repo, "No certificate repository");
    this.ca = requireNonNull(ca, "No certificate authority");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Issues a certificate for {@code agentId} from {@code csrPem}, replacing its previous one.
   *
   * @throws ferry.core.error.ValidationException for a malformed or badly signed request
   */
  public Issued issue(String agentId, String csrPem) {
    requireNonNull(agentId, "No agent id");
    SignedCertificate signed = ca.sign(agentId, csrPem);
    repo.replace(new AgentCertificate(agentId, signed.fingerprint(), signed.serial(), signed.notAfter(),
        clock.instant(), false));
    return new Issued(signed.pem(), ca.certificatePem(), signed.fingerprint(), signed.notAfter());
  }

  /**
   * The recorded certificate a TLS client presented, if it may still act as its agent. The TLS
   * layer has checked the chain up to the agent CA; this checks that it is the agent's current
   * one: a replaced or revoked certificate, though validly signed, is refused.
   */
  public Optional<AgentCertificate> recorded(X509Certificate presented) {
    Instant now = clock.instant();
    return repo.findByFingerprint(Fingerprints.sha256(presented)).filter(c -> c.usableAt(now));
  }

  /** The agent's usable certificate, for the agent's JSON ({@code certificate}). */
  public Optional<AgentCertificate> current(String agentId) {
    Instant now = clock.instant();
    return repo.current(agentId).filter(c -> c.usableAt(now));
  }

  /** Revokes every certificate of the agent (the agent is deleted or revoked). */
  public void revoke(String agentId) {
    repo.revokeAll(agentId);
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  public String caPem() {
    return ca.certificatePem();
  }
}
