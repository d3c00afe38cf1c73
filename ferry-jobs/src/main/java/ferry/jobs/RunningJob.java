package ferry.jobs;

import ferry.core.job.Job;
import ferry.core.job.JobContext;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A job running on this node: its buffered log and its cancellation hooks. */
final class RunningJob implements JobContext {
  final Job job;
  private final Clock clock;
  private final List<JobLogLine> pending = new ArrayList<>();
  private final List<Runnable> hooks = new ArrayList<>();
  private final Object flushLock = new Object();
  private long seq;
  private boolean cancelled;
  private volatile boolean interrupted;

  RunningJob(Job job, Clock clock) {
    this.job = job;
    this.clock = clock;
  }

  @Override
  public synchronized void log(String level, String message) {
    pending.add(new JobLogLine(++seq, clock.instant(), level, message));
  }

  @Override
  public void onCancel(Runnable hook) {
    synchronized (this) {
      if (!cancelled) {
        hooks.add(hook);
        return;
      }
    }
    hook.run();
  }

  /** Stops the job; {@code byShutdown} makes it end as interrupted rather than cancelled. */
  void cancel(boolean byShutdown) {
    if (byShutdown) interrupted = true;
    List<Runnable> run;
    synchronized (this) {
      if (cancelled) return;
      cancelled = true;
      run = List.copyOf(hooks);
      hooks.clear();
    }
    run.forEach(Runnable::run);
  }

  boolean interruptedByShutdown() {
    return interrupted;
  }

  /** Ends the job, storing the lines not yet flushed with its final state in one transaction. */
  void finish(JobRepository repo, JobOutcome outcome, Instant now) {
    synchronized (flushLock) {
      List<JobLogLine> rest;
      synchronized (this) {
        rest = List.copyOf(pending);
        pending.clear();
      }
      repo.finish(job.id(), outcome.status(), outcome.exitCode(), outcome.error(), now, rest);
    }
  }

  /** Writes the lines logged since the last flush; one flush at a time, so lines land in order. */
  void flush(JobRepository repo) {
    synchronized (flushLock) {
      List<JobLogLine> batch;
      synchronized (this) {
        if (pending.isEmpty()) return;
        batch = List.copyOf(pending);
        pending.clear();
      }
      repo.appendLog(job.id(), batch);
    }
  }
}
