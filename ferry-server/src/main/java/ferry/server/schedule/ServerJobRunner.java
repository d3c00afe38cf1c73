package ferry.server.schedule;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.folder.FolderService;
import ferry.core.job.Job;
import ferry.core.job.JobRequest;
import ferry.core.job.JobService;
import ferry.core.job.JobStatus;
import ferry.core.job.JobTrigger;
import ferry.core.schedule.JobRun;
import ferry.core.schedule.LibraryPath;
import ferry.core.schedule.MisfirePolicy;
import ferry.core.schedule.RunStatus;
import ferry.core.schedule.ScheduledJob;
import ferry.core.schedule.ServerFirings;
import ferry.core.session.TransferLog;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.CopyOptions;
import ferry.vfs.CopyResult;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsCopier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one firing of a server job on this node: the misfire check, then a copy between two VFS
 * Library entries (each file a transfer record with its SHA-256) or a stored script (a job queued
 * as /v1 queues them, followed to its end), recorded as a {@link JobRun}. Never throws: whatever
 * fails is the run's error.
 */
public final class ServerJobRunner {
  private static final Logger log = LoggerFactory.getLogger(ServerJobRunner.class);
  /** Per running copy: 100 jobs firing at once hold 6.4 MB of buffers. */
  static final int COPY_BUFFER = 64 * 1024;
  static final Duration SCRIPT_POLL = Duration.ofMillis(250);
  static final Duration MAX_SCRIPT_WAIT = Duration.ofHours(24);

  private final ServerFirings firings;
  private final FolderService folders;
  private final JobService jobs;
  private final TransferLog transfers;
  private final VfsCopier copier;
  private final Clock clock;

  public ServerJobRunner(ServerFirings firings, FolderService folders, JobService jobs, TransferLog transfers,
      Clock clock) {
    this.firings = requireNonNull(firings, "No firings");
    this.folders = requireNonNull(folders, "No folders");
    this.jobs = requireNonNull(jobs, "No job service");
    this.transfers = requireNonNull(transfers, "No transfer log");
    this.clock = requireNonNull(clock, "No clock");
    this.copier = new VfsCopier(CopyOptions.defaults().withBufferSize(COPY_BUFFER), clock);
  }

  /** Runs the firing of job {@code jobId} planned for {@code scheduledAt}, as {@code node}. */
  public void fire(String jobId, Instant scheduledAt, String node) {
    Optional<ScheduledJob> found = firings.find(jobId);
    if (found.isEmpty() || !found.get().enabled() || !found.get().isServerJob()) return;
    ScheduledJob job = found.get();
    Duration late = Duration.between(scheduledAt, clock.instant());
    if (job.misfirePolicy() == MisfirePolicy.SKIP && late.compareTo(job.schedule().periodAfter(scheduledAt)) > 0) {
      firings.start(job, scheduledAt, node, RunStatus.SKIPPED);
      log.info("scheduled job {} ({}): skipped the firing of {}, found {} late", job.name(), job.id(), scheduledAt, late);
      return;
    }
    Optional<JobRun> started = firings.start(job, scheduledAt, node, RunStatus.RUNNING);
    if (started.isEmpty()) {
      log.warn("scheduled job {} ({}): the firing of {} already has a run; not running it again", job.name(),
          job.id(), scheduledAt);
      return;
    }
    JobRun run = started.get();
    try {
      if (job.isScript()) script(job, run);
      else copy(job, run);
    } catch (Exception e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      log.warn("scheduled job {} ({}) failed: {}", job.name(), job.id(), e.toString());
      firings.finish(job, run, RunStatus.FAILED, describe(e), 0, 0, null);
    }
  }

  private void copy(ScheduledJob job, JobRun run) throws Exception {
    LibraryPath src = LibraryPath.parse("sourcePath", job.sourcePath());
    LibraryPath dst = LibraryPath.parse("destinationPath", job.destinationPath());
    // the run's own key while it copies, so that its records are told apart from other runs' of the job
    String transferJobId = run.id().replace("-", "");
    List<CopyResult> results;
    try (Vfs from = folders.open(src.folder()); Vfs to = folders.open(dst.folder())) {
      results = copier.copy(from, VPath.of(src.path()), to, VPath.of(dst.path()));
    }
    long bytes = 0;
    int files = 0;
    int failed = 0;
    String firstError = null;
    for (CopyResult r : results) {
      if (r.outcome() == CopyResult.Outcome.SKIPPED) continue;
      transfers.write(TransferRecord.job(transferJobId, src.folder(), r.source().toString(), dst.folder(),
          r.target().toString(), r.bytes(), r.duration(), r.sha256().isEmpty() ? null : r.sha256(), r.ok(),
          r.error().isEmpty() ? null : r.error(), clock.instant()));
      bytes += r.bytes();
      if (r.ok()) {
        files++;
      } else {
        failed++;
        if (firstError == null) firstError = r.source() + ": " + r.error();
      }
    }
    String error = failed == 0 ? null : failed + " of " + (files + failed) + " files failed; first: " + firstError;
    firings.finish(job, run, failed == 0 ? RunStatus.COMPLETED : RunStatus.FAILED, error, bytes, files, transferJobId);
  }

  private void script(ScheduledJob job, JobRun run) throws InterruptedException {
    Job queued = jobs.submit(Actor.system(),
        new JobRequest(job.scriptName(), null, null, job.params(), JobTrigger.SCHEDULE));
    Instant deadline = clock.instant().plus(MAX_SCRIPT_WAIT);
    Job now = queued;
    while (!now.status().isFinal() && clock.instant().isBefore(deadline)) {
      Thread.sleep(SCRIPT_POLL.toMillis()); // the job runs on whichever node's workers claim it
      now = jobs.get(Actor.system(), queued.id());
    }
    List<TransferRecord> moved = jobs.transfers(Actor.system(), queued.id());
    long bytes = moved.stream().mapToLong(TransferRecord::bytes).sum();
    int files = (int) moved.stream().filter(TransferRecord::ok).count();
    boolean ok = now.status() == JobStatus.COMPLETED;
    String error = ok ? null : now.status().isFinal()
        ? "script job " + queued.id() + " " + now.status().wire() + (now.error() == null ? "" : ": " + now.error())
        : "script job " + queued.id() + " still running after " + MAX_SCRIPT_WAIT;
    firings.finish(job, run, ok ? RunStatus.COMPLETED : RunStatus.FAILED, error, bytes, files, queued.id());
  }

  private static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
