package ferry.core.job;

import java.time.Instant;
import java.util.Map;

/**
 * One execution of a script. {@code source} is the script text as it was when the job was
 * queued, so editing a script never changes a job already queued. Nullable: scriptId, filePath,
 * exitCode, error, node, startedAt, finishedAt.
 */
public record Job(
    String id,
    String scriptId,
    String scriptName,
    String filePath,
    String source,
    Map<String, String> params,
    JobTrigger trigger,
    JobStatus status,
    Integer exitCode,
    String error,
    String owner,
    String node,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  public Job {
    params = Map.copyOf(params);
  }

  /** The job without its source and params. */
  public JobSummary summary() {
    return new JobSummary(id, scriptId, scriptName, filePath, trigger, status, exitCode, error, owner, node,
        createdAt, startedAt, finishedAt);
  }
}
