package ferry.core.agent.certificate;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A client certificate issued to an agent, as stored: what the listener's callers are checked against. */
public record AgentCertificate(String agentId, String fingerprint, String serial, Instant notAfter,
    Instant createdAt, boolean revoked) {
  public AgentCertificate {
    requireNonNull(agentId, "No agent id");
    requireNonNull(fingerprint, "No fingerprint");
    requireNonNull(serial, "No serial");
    requireNonNull(notAfter, "No notAfter");
    requireNonNull(createdAt, "No creation time");
  }

  /** Whether a client presenting it at {@code now} may act as its agent (the agent's own state aside). */
  public boolean usableAt(Instant now) {
    return !revoked && now.isBefore(notAfter);
  }
}
