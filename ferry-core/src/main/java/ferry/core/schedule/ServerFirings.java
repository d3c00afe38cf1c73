package ferry.core.schedule;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The runs of server jobs as the scheduler fires them: one run per firing (job and scheduled
 * time), whichever node fires it, so that a firing executed twice by accident runs once.
 */
public final class ServerFirings {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ServerFirings.class);
  private static final int MAX_ERROR = 4000;

  private final ScheduleRepository repo;
  private final Clock clock;

  public ServerFirings(ScheduleRepository repo, Clock clock) {
    this.repo = requireNonNull(repo, "No schedule repository");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** The job as stored now; empty when deleted since it was planned. */
  public Optional<ScheduledJob> find(String id) {
    return repo.find(id);
  }

  /** Every enabled server job, to put their firings back in the scheduler at start. */
  public List<ScheduledJob> enabledServerJobs() {
    return repo.enabledServerJobs();
  }

  /**
   * Records the firing of {@code job} scheduled for {@code scheduledAt} as started (or, with
   * {@link RunStatus#SKIPPED}, as skipped and ended).
   *
   * @return empty when the firing has a run already: it ran on some node, and must not run twice
   */
  public Optional<JobRun> start(ScheduledJob job, Instant scheduledAt, String node, RunStatus status) {
    Instant now = clock.instant();
    // db-scheduler hands a job's instance to one executor at a time: a server run still marked
    // running when the next firing starts lost its node (found dead) or its last write
    int orphans = repo.failRunningServerRuns(job.id(), now, "interrupted: the node running it stopped before it ended");
    if (orphans > 0) LOG.warn("scheduled job {}: {} run(s) left running by a stopped node marked failed", job.id(), orphans);
    JobRun run = new JobRun(UUID.randomUUID().toString(), job.id(), null, node, scheduledAt, now,
        status.isFinal() ? now : null, status, null, 0, 0, List.of());
    try {
      repo.insertRun(run);
    } catch (ConflictException e) {
      return Optional.empty();
    }
    if (status == RunStatus.RUNNING) repo.touchLastRun(job.id(), now);
    return Optional.of(run);
  }

  /**
   * Ends a run of {@code job}; {@code transferJobId} is the job id its transfer records were stored
   * under (null: none). A copy's records then carry the scheduled job's id and the run's; a
   * script's keep their script job's id and get the run's.
   */
  public JobRun finish(ScheduledJob job, JobRun run, RunStatus status, String error, long bytes, int files,
      String transferJobId) {
    List<String> ids = transferJobId == null ? List.of()
        : repo.claimTransfers(transferJobId, job.isScript() ? null : job.id(), run.id(), job.customer());
    String e = error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    JobRun done = run.finished(status, clock.instant(), e, bytes, files, ids);
    repo.updateRunning(done);
    return done;
  }
}
