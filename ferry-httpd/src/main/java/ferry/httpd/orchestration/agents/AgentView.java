package ferry.httpd.orchestration.agents;

import ferry.core.agent.Agent;
import ferry.core.agent.AgentStatus;
import java.time.Instant;

/** An agent as the orchestration face shows it (contract 13); never its key or key hash. */
public record AgentView(
    String id,
    String name,
    String hostname,
    String os,
    String version,
    String customer,
    String status,
    Double load,
    Long memory,
    int heartbeatInterval,
    Instant lastHeartbeat,
    Instant createdAt,
    Certificate certificate) {
  /** The agent's client certificate, as recorded by the mTLS part. */
  public record Certificate(String fingerprint, Instant notAfter) {}

  public static AgentView of(Agent a, AgentStatus status) {
    Certificate cert = a.certificateFingerprint() == null ? null
        : new Certificate(a.certificateFingerprint(), a.certificateNotAfter());
    return new AgentView(a.id(), a.name(), a.hostname(), a.os(), a.version(), a.customer(), status.wire(), a.load(),
        a.memory(), a.heartbeatInterval(), a.lastHeartbeat(), a.createdAt(), cert);
  }
}
