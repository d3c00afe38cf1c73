package ferry.core.schedule;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port of scheduled jobs and their runs. */
public interface ScheduleRepository {
  void insert(ScheduledJob job);

  /** Replaces the stored job of the same id; false when there is none. */
  boolean update(ScheduledJob job);

  /** Deletes the job and its runs; false when there was none. */
  boolean delete(String id);

  Optional<ScheduledJob> find(String id);

  /**
   * Jobs matching every non-null filter, oldest first.
   *
   * @param customer only this customer's jobs
   * @param agentId only this agent's jobs
   * @param enabled only enabled (true) or disabled (false) jobs
   */
  Page<ScheduledJob> list(String customer, String agentId, Boolean enabled, PageRequest page);

  /** Every enabled job the server fires (no agent), for putting their firings back in the scheduler. */
  List<ScheduledJob> enabledServerJobs();

  /** Records when a run of the job last started. */
  void touchLastRun(String jobId, Instant at);

  /**
   * Stores a new run.
   *
   * @throws ferry.core.error.ConflictException when a run with its id, or of the same job at the
   *     same {@code scheduledAt}, exists: a firing runs once
   */
  void insertRun(JobRun run);

  Optional<JobRun> findRun(String id);

  /**
   * Ends every server run (no agent) of the job still marked running as failed with {@code error}.
   *
   * @return how many runs it ended
   */
  int failRunningServerRuns(String jobId, Instant at, String error);

  /** Replaces a run that is still running; false when it already ended (or does not exist). */
  boolean updateRunning(JobRun run);

  /** The job's runs, newest first. */
  Page<JobRun> listRuns(String jobId, PageRequest page);

  /**
   * Ties the transfer records stored under {@code transferJobId} to a run: sets their run id, their
   * job id to {@code jobId} unless that is null (a script's records keep their script job's id), and
   * their customer when they have none and {@code customer} is set.
   *
   * @return the records' public ids, in the order they ended
   */
  List<String> claimTransfers(String transferJobId, String jobId, String runId, String customer);
}
