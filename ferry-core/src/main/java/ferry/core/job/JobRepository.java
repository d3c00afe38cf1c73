package ferry.core.job;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for the job queue, job state and job logs. Safe for several nodes on one database. */
public interface JobRepository {
  /** Stores a new queued job. */
  void insert(Job job);

  Optional<Job> find(String id);

  /**
   * Jobs matching {@code filter}, newest first, without their source and params (listings must stay
   * small whatever the jobs carry).
   */
  Page<JobSummary> list(JobFilter filter, PageRequest page);

  /**
   * Atomically moves up to {@code max} of the oldest queued jobs to running on {@code node}. Two
   * callers, on any nodes, never claim the same job.
   */
  List<Job> claim(String node, int max, Instant now);

  /**
   * Atomically moves the job {@code id} to running on {@code node} if it is still queued; false
   * when another claimer got it first or it is no longer queued. For jobs this node just queued,
   * whose row it already holds (one statement instead of a queue scan).
   */
  boolean claim(String id, String node, Instant now);

  /**
   * Ends a running job, storing its last log lines in the same transaction; false (and nothing
   * stored) when it was not running any more.
   */
  boolean finish(String id, JobStatus status, int exitCode, String error, Instant now, List<JobLogLine> lastLines);

  /** Cancels a job that is still queued; false when it is not queued. */
  boolean cancelQueued(String id, Instant now);

  /** Flags a running job for cancellation by the node that runs it; false when it is not running. */
  boolean requestCancel(String id);

  /** Ids of the jobs running on {@code node} that were flagged for cancellation. */
  List<String> cancelRequested(String node);

  /** Appends log lines of a job (their seq is set by the caller). */
  void appendLog(String jobId, List<JobLogLine> lines);

  /** At most {@code limit} of the job's log lines with {@code seq > afterSeq}, in order. */
  List<JobLogLine> log(String jobId, long afterSeq, int limit);

  /**
   * Deletes up to {@code max} finished jobs (completed, failed, cancelled, interrupted) that
   * finished before {@code cutoff}, oldest first, with their log lines; transfer records stay.
   * Deleting what another node already deleted is no error, so every node may prune.
   *
   * @return how many jobs this call deleted
   */
  int pruneFinishedBefore(Instant cutoff, int max);

  /**
   * Deletes up to {@code max} finished jobs that are not among the {@code keepNewest} newest
   * finished ones (by queue order), oldest first, with their log lines; transfer records stay.
   * Idempotent like {@link #pruneFinishedBefore}.
   *
   * @param keepNewest at least 1
   * @return how many jobs this call deleted
   */
  int pruneFinishedBeyond(int keepNewest, int max);

  /** Records that {@code node} is alive at {@code now}. */
  void heartbeat(String node, Instant now);

  /** Forgets a node that stops cleanly. */
  void removeNode(String node);

  /**
   * Marks interrupted the running jobs of every node other than {@code self} whose last heartbeat
   * is older than {@code staleBefore} (or that has none).
   *
   * @return how many jobs were marked
   */
  int interruptOrphans(String self, Instant staleBefore, String reason, Instant now);
}
