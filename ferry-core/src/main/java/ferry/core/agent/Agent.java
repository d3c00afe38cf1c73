package ferry.core.agent;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A registered transfer agent of one customer (seed 003). Only the hash of its {@code mft_ak_} key
 * is kept. Its online status is not stored: {@link #status} computes it from the last sign of
 * life, so every node answers the same from the same row.
 *
 * @param load the load the agent last reported, or null
 * @param memory the memory (MB) the agent last reported, or null
 * @param heartbeatInterval seconds between the agent's heartbeats
 * @param lastHeartbeat null until the first heartbeat
 * @param revokedAt when the agent was deleted (its key and certificate revoked); null while active
 * @param certificateFingerprint SHA-256 hex of its client certificate, or null
 */
public record Agent(
    String id,
    String name,
    String hostname,
    String os,
    String version,
    String customer,
    Double load,
    Long memory,
    int heartbeatInterval,
    Instant lastHeartbeat,
    Instant createdAt,
    Instant revokedAt,
    String keyHash,
    String certificateFingerprint,
    Instant certificateNotAfter) {
  /** Seconds between heartbeats unless the agent says otherwise. */
  public static final int DEFAULT_HEARTBEAT_INTERVAL = 30;

  public Agent {
    requireNonNull(id, "No agent id");
    requireNonNull(name, "No agent name");
    requireNonNull(customer, "No agent customer");
    requireNonNull(createdAt, "No creation time");
    requireNonNull(keyHash, "No key hash");
  }

  public boolean isActive() {
    return revokedAt == null;
  }

  /** The last sign of life: the last heartbeat, or the registration before the first one. */
  public Instant lastSeen() {
    return lastHeartbeat != null ? lastHeartbeat : createdAt;
  }

  /** Online while fewer than {@code missedAllowed} heartbeat intervals have passed since {@link #lastSeen}. */
  public AgentStatus status(Instant now, int missedAllowed) {
    Duration window = Duration.ofSeconds((long) heartbeatInterval * missedAllowed);
    return Duration.between(lastSeen(), now).compareTo(window) > 0 ? AgentStatus.OFFLINE : AgentStatus.ONLINE;
  }

  /** This agent after a heartbeat at {@code at}; null values keep what was reported before. */
  public Agent withHeartbeat(Instant at, Double load, Long memory, String version, Integer interval) {
    return new Agent(id, name, hostname, os, version == null ? this.version : version, customer,
        load == null ? this.load : load, memory == null ? this.memory : memory,
        interval == null ? heartbeatInterval : interval, at, createdAt, revokedAt, keyHash,
        certificateFingerprint, certificateNotAfter);
  }

  public Agent withRevokedAt(Instant at) {
    return new Agent(id, name, hostname, os, version, customer, load, memory, heartbeatInterval, lastHeartbeat,
        createdAt, at, keyHash, certificateFingerprint, certificateNotAfter);
  }

  public Agent withCertificate(String fingerprint, Instant notAfter) {
    return new Agent(id, name, hostname, os, version, customer, load, memory, heartbeatInterval, lastHeartbeat,
        createdAt, revokedAt, keyHash, fingerprint, notAfter);
  }
}
