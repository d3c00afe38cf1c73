package ferry.core.transfer;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ConflictException;
import java.time.Duration;
import java.time.Instant;

/**
 * One transfer as the orchestration face lists it (contract 13, "Transfers"): an agent's, which
 * it creates pending and updates as it goes, or one the server made (an SFTP, SCP or HTTP session,
 * a script job), stored when it ended. The rules of the state machine live here and only here:
 * {@link #pending}, {@link #apply}, {@link #fromRecord}.
 *
 * @param id the public UUID
 * @param agentId the reporting agent; null for the server's transfers
 * @param customer the agent's customer; null for the server's transfers
 * @param username the file-server user of a session transfer, else null
 * @param size the bytes to move when known, else null
 * @param progress percent, 0 to 100
 * @param speed bytes per second
 */
public record TrackedTransfer(
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
    TransferStatus status,
    int progress,
    long bytesTransferred,
    long speed,
    String sha256,
    String error,
    Instant createdAt,
    Instant updatedAt,
    Instant startedAt,
    Instant completedAt) {
  public TrackedTransfer {
    requireNonNull(id, "No transfer id");
    requireNonNull(status, "No transfer status");
    requireNonNull(createdAt, "No creation time");
    requireNonNull(updatedAt, "No update time");
  }

  /** A new transfer of agent {@code agentId} (of {@code customer}), pending, with id {@code id}. */
  public static TrackedTransfer pending(String id, String agentId, String customer, NewTransfer t, Instant now) {
    requireNonNull(agentId, "No agent");
    requireNonNull(customer, "No customer");
    return new TrackedTransfer(id, agentId, customer, null, t.jobId(), t.runId(), t.sourceUrl(), t.destinationPath(),
        t.direction(), t.protocol(), t.size(), TransferStatus.PENDING, 0, 0, 0, null, null, now, now, null, null);
  }

  /**
   * This transfer after {@code patch} at {@code now}: a status may only move along {@link
   * TransferStatus#canBecome}, the bytes moved never go down, a completed transfer is at 100%;
   * starting sets {@code startedAt}, ending sets {@code completedAt}.
   *
   * @throws ConflictException when this transfer has ended or may not move to the patch's status (409)
   * @throws ferry.core.error.ValidationException naming {@code bytesTransferred} when the bytes go down (400)
   */
  public TrackedTransfer apply(TransferPatch patch, Instant now) {
    if (status.isFinished())
      throw new ConflictException("transfer " + id + " is " + status + "; a finished transfer takes no more updates");
    TransferStatus to = patch.status() == null ? status : patch.status();
    if (!status.canBecome(to))
      throw new ConflictException("transfer " + id + " cannot go from " + status + " to " + to + "; from "
          + status + " it may become " + String.join(" or ", status.next().stream().map(TransferStatus::wire).sorted()
              .toList()));
    long bytes = patch.bytesTransferred() == null ? bytesTransferred : patch.bytesTransferred();
    if (bytes < bytesTransferred)
      throw TransferFields.invalid("bytesTransferred", "bytesTransferred never goes down: it is " + bytesTransferred
          + ", got " + bytes);
    int percent = to == TransferStatus.COMPLETED ? 100
        : patch.progress() == null ? progress : patch.progress().intValue();
    Instant started = startedAt == null && to == TransferStatus.RUNNING ? now : startedAt;
    Instant completed = to.isFinished() ? now : null;
    return new TrackedTransfer(id, agentId, customer, username, jobId, runId, sourceUrl, destinationPath, direction,
        protocol, size, to, percent, bytes, patch.speed() == null ? speed : patch.speed(),
        patch.sha256() == null ? sha256 : patch.sha256(), patch.error() == null ? error : patch.error(),
        createdAt, now, started, completed);
  }

  /**
   * A transfer the server made, stored with public id {@code id}: completed at 100% when it went
   * well, else failed; it started its duration before it finished.
   */
  public static TrackedTransfer fromRecord(String id, TransferRecord r) {
    Instant started = r.finishedAt().minus(r.duration());
    return new TrackedTransfer(id, null, null, r.username(), r.jobId(), null, r.srcVfs() + ":" + r.srcPath(),
        r.dstVfs() + ":" + r.dstPath(), r.direction(), r.protocol(), r.ok() ? r.bytes() : null,
        r.ok() ? TransferStatus.COMPLETED : TransferStatus.FAILED, r.ok() ? 100 : 0, r.bytes(),
        speed(r.bytes(), r.duration()), r.sha256(), r.error(), started, r.finishedAt(), started, r.finishedAt());
  }

  /** Bytes per second; a transfer faster than a millisecond counts as one. */
  static long speed(long bytes, Duration d) {
    return (long) (bytes * 1000.0 / Math.max(1, d.toMillis()));
  }

  /** Whether customer {@code customer} may see it: its agents' transfers, and those of its own user. */
  public boolean belongsTo(String customer) {
    return customer.equals(this.customer) || customer.equals(username);
  }
}
