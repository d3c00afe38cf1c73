package ferry.core.agent.certificate;

import java.util.Optional;

/** Storage port of the agents' client certificates (one usable per agent, older ones kept revoked). */
public interface AgentCertificateRepository {
  /** Revokes the agent's earlier certificates and stores {@code c}, in one transaction. */
  void replace(AgentCertificate c);

  Optional<AgentCertificate> findByFingerprint(String fingerprint);

  /** The agent's newest certificate that is not revoked. */
  Optional<AgentCertificate> current(String agentId);

  /**
   * Revokes every certificate of the agent.
   *
   * @return how many were usable until now
   */
  int revokeAll(String agentId);
}
