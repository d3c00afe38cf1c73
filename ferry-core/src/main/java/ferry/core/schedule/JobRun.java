package ferry.core.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One run of a {@link ScheduledJob}: fired by a server node ({@code node}) or reported by the
 * job's agent ({@code agentId}). {@code transferIds} are the ids of the transfers it recorded.
 * Nullable: agentId, node, scheduledAt, finishedAt, error.
 */
public record JobRun(
    String id,
    String jobId,
    String agentId,
    String node,
    Instant scheduledAt,
    Instant startedAt,
    Instant finishedAt,
    RunStatus status,
    String error,
    long bytes,
    int files,
    List<String> transferIds) {
  public JobRun {
    requireNonNull(id, "No run id");
    requireNonNull(jobId, "No job id");
    requireNonNull(startedAt, "No start time");
    requireNonNull(status, "No run status");
    transferIds = transferIds == null ? List.of() : List.copyOf(transferIds);
  }

  /** The run ended with {@code status} at {@code at}. */
  public JobRun finished(RunStatus status, Instant at, String error, long bytes, int files, List<String> transferIds) {
    return new JobRun(id, jobId, agentId, node, scheduledAt, startedAt, at, status, error, bytes, files, transferIds);
  }

  /** The same run, still running, with progress so far. */
  public JobRun progressed(long bytes, int files, List<String> transferIds) {
    return new JobRun(id, jobId, agentId, node, scheduledAt, startedAt, finishedAt, status, error, bytes, files,
        transferIds);
  }
}
