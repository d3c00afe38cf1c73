package ferry.httpd.orchestration.transfers;

import ferry.core.transfer.TrackedTransfer;
import java.time.Instant;

/** A transfer on the wire, every field of contract 13 present (null when unknown). */
record TransferJson(
    String id,
    String agentId,
    String customer,
    String username,
    String jobId,
    String runId,
    String sourceUrl,
    String destinationPath,
    String direction,
    String protocol,
    Long size,
    String status,
    int progress,
    long bytesTransferred,
    long speed,
    String sha256,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt) {
  static TransferJson of(TrackedTransfer t) {
    return new TransferJson(t.id(), t.agentId(), t.customer(), t.username(), t.jobId(), t.runId(), t.sourceUrl(),
        t.destinationPath(), t.direction(), t.protocol(), t.size(), t.status().wire(), t.progress(),
        t.bytesTransferred(), t.speed(), t.sha256(), t.error(), t.createdAt(), t.updatedAt(), t.startedAt(),
        t.completedAt());
  }
}
