package ferry.jobs;

import static java.util.Objects.requireNonNull;

import ferry.core.job.Job;
import ferry.core.job.JobEvents;
import ferry.core.job.JobExecutor;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobRepository;
import ferry.core.job.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A node's job workers: a dispatcher claims queued jobs from the database as workers free up and
 * runs each on a bounded pool; housekeeping flushes logs, follows cancellations, beats the node's
 * heartbeat and marks interrupted the jobs of dead nodes.
 *
 * <p>Jobs queued on this node are claimed by id, one compare-and-set statement each; the queue is
 * scanned at start, at every poll interval, and whenever the last scan filled every free worker or
 * more local jobs arrived than are remembered (issue 2, jobs benchmark).
 */
public final class JobWorkers implements JobEvents, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
  private static final Duration CANCEL_POLL = Duration.ofMillis(250);
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(3);
  // Bounds of the jobs remembered for claiming by id; beyond them the queue scan finds the rest.
  private static final int MAX_LOCAL = 10_000;
  private static final long MAX_LOCAL_CHARS = 16L * 1024 * 1024;

  private final JobRepository repo;
  private final JobExecutor executor;
  private final WorkerConfig config;
  private final Clock clock;
  private final Semaphore slots;
  private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
  private final ExecutorService pool;
  private final ScheduledExecutorService housekeeping;
  // Every POST and every finished job wakes the dispatcher; a flag plus park/unpark keeps that off
  // any shared monitor, which under load was a hot spot (issue 2, jobs benchmark).
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final Queue<Job> local = new ConcurrentLinkedQueue<>();
  private final AtomicInteger localCount = new AtomicInteger();
  private final AtomicLong localChars = new AtomicLong();
  private volatile boolean scanDue = true;
  private volatile boolean stopping;
  private volatile Thread dispatcher;

  public JobWorkers(JobRepository repo, JobExecutor executor, WorkerConfig config, Clock clock) {
    this.repo = requireNonNull(repo, "No job repository");
    this.executor = requireNonNull(executor, "No job executor");
    this.config = requireNonNull(config, "No worker config");
    this.clock = requireNonNull(clock, "No clock");
    this.slots = new Semaphore(config.workers());
    this.pool = Executors.newFixedThreadPool(config.workers(), Thread.ofPlatform().name("job-worker-", 1).factory());
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-housekeeping").daemon().factory());
  }

  /** Recovers jobs left running by dead nodes, then starts claiming. */
  public void start() {
    Instant now = clock.instant();
    repo.heartbeat(config.node(), now);
    Instant staleBefore =
        config.exclusiveDatabase() ? now.plusSeconds(1) : now.minus(config.heartbeatInterval().multipliedBy(3));
    int n = repo.interruptOrphans(config.node(), staleBefore, "the node running it stopped", now);
    if (n > 0) log.warn("marked {} job(s) of stopped nodes interrupted", n);
    every(config.logFlushInterval(), this::flushLogs);
    every(CANCEL_POLL, this::followCancellations);
    every(config.heartbeatInterval(), this::beat);
    dispatcher = Thread.ofPlatform().name("job-dispatcher").start(this::dispatch);
  }

  @Override
  public void queued(Job job) {
    int chars = job.source().length();
    int count = localCount.incrementAndGet();
    long total = localChars.addAndGet(chars);
    if (count <= MAX_LOCAL && total <= MAX_LOCAL_CHARS) {
      local.add(job);
    } else {
      localCount.decrementAndGet();
      localChars.addAndGet(-chars);
      scanDue = true;
    }
    signal();
  }

  @Override
  public void cancelRequested(String jobId) {
    RunningJob r = running.get(jobId);
    if (r != null) r.cancel(false);
  }

  /** How many jobs run on this node now. */
  public int runningCount() {
    return running.size();
  }

  /**
   * Stops claiming, lets running jobs finish until {@code deadline}, then stops the rest and marks
   * them interrupted.
   */
  public void shutdown(Duration deadline) {
    stopping = true;
    signal();
    long end = System.nanoTime() + deadline.toNanos();
    while (!running.isEmpty() && System.nanoTime() < end) sleepQuietly(20);
    if (!running.isEmpty()) {
      log.warn("stopping {} job(s) still running at the shutdown deadline", running.size());
      running.values().forEach(r -> r.cancel(true));
      long grace = System.nanoTime() + CANCEL_GRACE.toNanos();
      while (!running.isEmpty() && System.nanoTime() < grace) sleepQuietly(20);
    }
    pool.shutdownNow();
    housekeeping.shutdownNow();
    joinQuietly(dispatcher);
    try {
      repo.removeNode(config.node());
    } catch (RuntimeException e) {
      log.warn("could not remove node {} from the database: {}", config.node(), e.toString());
    }
  }

  @Override
  public void close() {
    if (!stopping) shutdown(Duration.ZERO);
  }

  private void dispatch() {
    while (!stopping) {
      try {
        int free = slots.availablePermits();
        int started = free > 0 ? claimLocal(free) : 0;
        if (free - started > 0 && scanDue) {
          scanDue = false;
          List<Job> claimed = repo.claim(config.node(), free - started, clock.instant());
          claimed.forEach(this::launch);
          // A full batch may have left more behind.
          if (claimed.size() == free - started) scanDue = true;
          started += claimed.size();
        }
        if (started == 0 || slots.availablePermits() == 0) awaitWake();
      } catch (Throwable t) {
        log.error("job dispatcher fault; retrying", t);
        scanDue = true;
        awaitWake();
      }
    }
  }

  /** Claims up to {@code max} of the jobs queued on this node, by id; returns how many started. */
  private int claimLocal(int max) {
    int started = 0;
    Job job;
    while (started < max && (job = local.poll()) != null) {
      localCount.decrementAndGet();
      localChars.addAndGet(-job.source().length());
      Instant now = clock.instant();
      // False when another node claimed it or it was cancelled meanwhile.
      if (repo.claim(job.id(), config.node(), now)) {
        launch(new Job(job.id(), job.scriptId(), job.scriptName(), job.filePath(), job.source(), job.params(),
            job.trigger(), JobStatus.RUNNING, null, null, job.owner(), config.node(), job.createdAt(), now, null));
        started++;
      }
    }
    return started;
  }

  private void launch(Job job) {
    slots.acquireUninterruptibly();
    RunningJob r = new RunningJob(job, clock);
    running.put(job.id(), r);
    pool.execute(() -> run(r));
  }

  private void run(RunningJob r) {
    String id = r.job.id();
    Instant begun = clock.instant();
    JobLines.started(r.job); // outside the job's MDC: the line names the job itself
    MDC.put("job_id", id);
    try {
      JobOutcome outcome;
      try {
        outcome = executor.execute(r.job, r);
      } catch (Throwable t) {
        log.error("job executor failed unexpectedly", t);
        outcome = JobOutcome.failed(1, "internal error: " + t);
      }
      if (r.interruptedByShutdown())
        outcome = new JobOutcome(JobStatus.INTERRUPTED, outcome.exitCode(), "the server shut down before the job finished");
      Instant end = clock.instant();
      r.finish(repo, outcome, end);
      MDC.remove("job_id");
      JobLines.ended(r.job, outcome, Duration.between(begun, end));
    } catch (Throwable t) {
      log.error("could not record the end of job {}", id, t);
    } finally {
      running.remove(id);
      slots.release();
      MDC.remove("job_id");
      signal();
    }
  }

  private void flushLogs() {
    for (RunningJob r : running.values()) r.flush(repo);
  }

  private void followCancellations() {
    if (running.isEmpty()) return;
    for (String id : repo.cancelRequested(config.node())) cancelRequested(id);
  }

  private void beat() {
    Instant now = clock.instant();
    repo.heartbeat(config.node(), now);
    if (!config.exclusiveDatabase()) {
      int n = repo.interruptOrphans(config.node(), now.minus(config.heartbeatInterval().multipliedBy(3)),
          "the node running it stopped responding", now);
      if (n > 0) log.warn("marked {} job(s) of unresponsive nodes interrupted", n);
    }
  }

  private void every(Duration period, Runnable task) {
    housekeeping.scheduleWithFixedDelay(() -> {
      try {
        task.run();
      } catch (Throwable t) {
        log.error("job housekeeping fault; continuing", t);
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void signal() {
    Thread d = dispatcher;
    if (!wakePending.getAndSet(true) && d != null) LockSupport.unpark(d);
  }

  /**
   * Parks until signalled or the poll interval passes; then the queue is due for a scan (other
   * nodes queue jobs without a signal).
   */
  private void awaitWake() {
    long end = System.nanoTime() + config.pollInterval().toNanos();
    while (!wakePending.getAndSet(false) && !stopping) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        scanDue = true;
        return;
      }
      LockSupport.parkNanos(this, left);
      if (Thread.currentThread().isInterrupted()) return;
    }
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void joinQuietly(Thread t) {
    if (t == null) return;
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
