package ferry.jobs;

import static java.util.Objects.requireNonNull;

import ferry.core.job.JobRepository;
import ferry.core.job.JobRetention;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs and their logs past the retention, in the background and in small
 * batches, on its own thread so that a large backlog never delays the heartbeat. Every node of a
 * cluster prunes: deleting is idempotent.
 */
public final class JobPruner implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
  private static final Logger log = LoggerFactory.getLogger(JobPruner.class);
  private static final Duration FIRST_RUN = Duration.ofSeconds(30);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
  private static final int DEFAULT_BATCH = 500;

  private final JobRepository repo;
  private final JobRetention retention;
  private final Duration interval;
  private final Clock clock;
  private final int batch;
  private volatile boolean closed;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-pruner").daemon().factory());

  public JobPruner(JobRepository repo, JobRetention retention, Duration interval, Clock clock) {
    this(repo, retention, interval, clock, DEFAULT_BATCH);
  }

  JobPruner(JobRepository repo, JobRetention retention, Duration interval, Clock clock, int batch) {
    this.batch = batch;
    this.repo = requireNonNull(repo, "No job repository");
    this.retention = requireNonNull(retention, "No retention");
    this.interval = requireNonNull(interval, "No interval");
    this.clock = requireNonNull(clock, "No clock");
    if (interval.isNegative() || interval.isZero())
      throw new IllegalArgumentException("the pruning interval must be positive, got " + interval);
  }

  /** Prunes shortly after start, then every interval; does nothing when everything is kept. */
  public JobPruner start() {
    if (retention.keepsEverything()) {
      log.info("job retention off: finished jobs are kept forever");
      return this;
    }
    timer.scheduleWithFixedDelay(this::pruneLogged, Math.min(FIRST_RUN.toMillis(), interval.toMillis()),
        interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Deletes every finished job past the retention now; returns how many. */
  public int pruneNow() {
    int n = 0;
    if (!retention.maxAge().isZero()) {
      Instant cutoff = clock.instant().minus(retention.maxAge());
      n += drain(() -> repo.pruneFinishedBefore(cutoff, batch));
    }
    if (retention.keepNewest() > 0) n += drain(() -> repo.pruneFinishedBeyond(retention.keepNewest(), batch));
    return n;
  }

  /** Repeats one batch while batches come back full: short transactions, however large the backlog. */
  private int drain(IntSupplier oneBatch) {
    int n = 0;
    int got;
    do {
      got = oneBatch.getAsInt();
      n += got;
    } while (got == batch && !closed);
    return n;
  }

  private void pruneLogged() {
    try {
      int n = pruneNow();
      if (n > 0) log.info("deleted {} finished job(s) past the retention ({})", n, retention);
    } catch (Throwable t) {
      log.error("pruning finished jobs failed; retrying in {}", interval, t);
    }
  }

  /** Stops after the batch in progress; never interrupts a database call (H2 closes its file then). */
  @Override
  public void close() {
    closed = true;
    timer.shutdown();
    try {
      if (!timer.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS))
        log.warn("job pruning still running after {}; leaving it", CLOSE_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
