package ferry.core.pipeline;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of pipelines, their versions, runs, run steps, delivered files and "already seen" keys. */
public interface PipelineRepository {
  /**
   * Stores a new pipeline and its version 1.
   *
   * @throws ferry.core.error.ConflictException when the owner already has a pipeline with that identifier
   */
  void insert(Pipeline pipeline, PipelineVersion first);

  /**
   * Stores a new YAML version, if the stored pipeline is still at {@code expectedVersion}.
   *
   * @return false when another change came first (the caller retries or answers 409)
   */
  boolean updateYaml(Pipeline changed, PipelineVersion next, int expectedVersion);

  /** Stores name, description and enabled; false when the pipeline is gone. */
  boolean updateMetadata(Pipeline changed);

  /** Deletes the pipeline with its versions, runs, steps, files and seen keys; false when it was gone. */
  boolean delete(String id);

  Optional<Pipeline> find(String id);

  /**
   * Pipelines, newest first.
   *
   * @param customer only this customer's; null for all
   * @param enabled only enabled or disabled ones; null for both
   * @param search a case-insensitive substring of identifier, name or description; null for any
   */
  Page<Pipeline> list(String customer, Boolean enabled, String search, PageRequest page);

  /** Enabled pipelines whose current trigger type is {@code triggerType}, for the triggers. */
  List<Pipeline> enabledWithTrigger(String triggerType);

  /** Versions, newest first. */
  Page<PipelineVersion> versions(String pipelineId, PageRequest page);

  Optional<PipelineVersion> version(String pipelineId, int version);

  /**
   * Stores a new run.
   *
   * @return false when the pipeline already has a run with the same non-null trigger key (that firing ran)
   */
  boolean insertRun(PipelineRun run);

  /** Replaces a stored run's state; false when the run is gone. */
  boolean updateRun(PipelineRun run);

  /**
   * Replaces a stored run's state only while it is in {@code expected}; the way a node claims a
   * queued run or a cancel wins over a finish.
   */
  boolean updateRunIf(PipelineRun run, PipelineRunStatus expected);

  Optional<PipelineRun> findRun(String runId);

  /** A pipeline's runs, newest first. */
  Page<PipelineRun> runs(String pipelineId, PageRequest page);

  /**
   * A pipeline's runs in {@code status} (null for any), newest first. The default pages through
   * {@link #runs(String, PageRequest)}; the JDBC repository filters in its query.
   */
  default Page<PipelineRun> runs(String pipelineId, PipelineRunStatus status, PageRequest page) {
    if (status == null) return runs(pipelineId, page);
    java.util.List<PipelineRun> matching = new java.util.ArrayList<>();
    for (int n = 1; ; n++) {
      Page<PipelineRun> all = runs(pipelineId, new PageRequest(n, PageRequest.MAX_LIMIT));
      all.items().stream().filter(r -> r.status() == status).forEach(matching::add);
      if ((long) n * PageRequest.MAX_LIMIT >= all.total()) break;
    }
    int from = Math.min(page.offset(), matching.size());
    return new Page<>(matching.subList(from, Math.min(from + page.limit(), matching.size())), page.page(),
        page.limit(), matching.size());
  }

  /** Runs in {@code status} (recovery after a restart: running and queued ones). */
  List<PipelineRun> runsIn(PipelineRunStatus status);

  /** Inserts or replaces step {@code step.index()} of its run. */
  void saveStep(RunStep step);

  /** A run's steps in index order. */
  List<RunStep> steps(String runId);

  void insertFile(RunFile file);

  /** A run's delivered files in the order they were stored. */
  Page<RunFile> files(String runId, PageRequest page);

  /**
   * Records that {@code key} (a source file's identity: path, size, modification time) was picked
   * by the pipeline, if it was not already.
   *
   * @return true when this call recorded it (the caller picks the file), false when it was seen
   */
  boolean markSeen(String pipelineId, String key, String runId, Instant at);

  /** Forgets the keys a run recorded (the run failed before delivering, so they may be picked again). */
  void forgetSeen(String pipelineId, String runId);
}
