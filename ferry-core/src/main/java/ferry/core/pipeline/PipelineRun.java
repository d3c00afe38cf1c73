package ferry.core.pipeline;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One execution of a pipeline, at the version it started with.
 *
 * @param trigger what started it: manual, cron, upload or poll
 * @param triggerKey what fired it, unique per pipeline when set (a cron firing's time, an upload
 *     batch's key), so that one firing makes one run across nodes; null for manual runs
 * @param triggeredBy who started a manual run (admin or customer name), or "system"
 * @param node the node running it, while it runs
 * @param completedSteps how many steps have completed, in order; a resumed run starts after them
 * @param error why it failed or was interrupted; null otherwise
 */
public record PipelineRun(
    String id,
    String pipelineId,
    int version,
    PipelineRunStatus status,
    String trigger,
    String triggerKey,
    String triggeredBy,
    String node,
    int completedSteps,
    long bytesIn,
    long bytesOut,
    int files,
    String error,
    Instant createdAt,
    Instant startedAt,
    Instant endedAt) {
  public PipelineRun {
    requireNonNull(id, "No run id");
    requireNonNull(pipelineId, "No pipeline id");
    requireNonNull(status, "No run status");
    requireNonNull(trigger, "No trigger");
  }

  public PipelineRun withStarted(String runningNode, Instant at) {
    return new PipelineRun(id, pipelineId, version, PipelineRunStatus.RUNNING, trigger, triggerKey, triggeredBy,
        runningNode, completedSteps, bytesIn, bytesOut, files, error, createdAt, startedAt == null ? at : startedAt,
        null);
  }

  public PipelineRun withCompletedSteps(int steps, long in, long out, int fileCount) {
    return new PipelineRun(id, pipelineId, version, status, trigger, triggerKey, triggeredBy, node, steps, in, out,
        fileCount, error, createdAt, startedAt, endedAt);
  }

  public PipelineRun withEnded(PipelineRunStatus finalStatus, String why, Instant at) {
    return new PipelineRun(id, pipelineId, version, finalStatus, trigger, triggerKey, triggeredBy, node,
        completedSteps, bytesIn, bytesOut, files, why, createdAt, startedAt, at);
  }
}
