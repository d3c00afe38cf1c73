package ferry.script;

import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps scripts that allocate without limit from taking the heap of the whole server (issue 10,
 * item 21). GraalJS on a stock JDK offers no per-context heap limit ({@code sandbox.MaxHeapMemory}
 * needs Oracle GraalVM), so the guard samples, every {@link #CHECK_INTERVAL}, how much each run's
 * script thread has allocated since the run started, and stops a run:
 *
 * <ul>
 *   <li>whose allocation passes the run limit, if one is set; or
 *   <li>that allocates the most (bytes per sample, decaying with a half-life of {@link #HALF_LIFE})
 *       when the heap is fuller than the heap limit after a garbage collection, i.e. with live
 *       data. The reading must come from a collection after the last run ended, since that run's
 *       memory may be what fills the heap, and no run the guard stopped may still be ending.
 * </ul>
 *
 * <p>What it cannot see: allocation between two samples (one huge string or array can still fail
 * with an OutOfMemoryError in the script's thread), memory that host calls allocate on other
 * threads (bounded by the HTTP body and file-text limits), and native memory.
 */
final class MemoryGuard implements AutoCloseable {
  static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
  static final Duration HALF_LIFE = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);
  private static final double DECAY =
      Math.pow(0.5, (double) CHECK_INTERVAL.toMillis() / HALF_LIFE.toMillis());

  /** How full the heap is. */
  interface Heap {
    /** Reads the heap now. */
    Reading read();

    /**
     * @param usedAfterGc the share of the maximum heap in use after the latest collection, 0 to 1
     * @param collections grows with each collection that changed {@code usedAfterGc}
     */
    record Reading(double usedAfterGc, long collections) {}
  }

  /** Counts what threads allocate. */
  interface Allocations {
    /** Bytes {@code thread} allocated since it started, or -1 if unknown. */
    long allocatedBytes(Thread thread);
  }

  private final Heap heap;
  private final Allocations allocations;
  private final long runLimit;
  private final double heapLimit;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final AtomicLong settledAfter = new AtomicLong(-1);
  private final ScheduledFuture<?> checks;

  /**
   * @param scheduler runs the checks; they do not block
   * @param runLimit bytes one run may allocate, 0 for no limit
   * @param heapLimit share of the heap, live after a collection, above which a run is stopped
   */
  MemoryGuard(
      ScheduledExecutorService scheduler,
      Heap heap,
      Allocations allocations,
      long runLimit,
      double heapLimit) {
    this.heap = heap;
    this.allocations = allocations;
    this.runLimit = runLimit;
    this.heapLimit = heapLimit;
    long every = CHECK_INTERVAL.toMillis();
    this.checks =
        scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Watches the run that {@code control} stops, executing on the calling thread, until the returned
   * watch is closed.
   */
  Watch watch(String name, RunControl control) {
    Thread thread = Thread.currentThread();
    Watch watch = new Watch(name, thread, control, allocations.allocatedBytes(thread));
    watches.add(watch);
    return watch;
  }

  @Override
  public void close() {
    checks.cancel(false);
  }

  private void check() {
    // A background loop: log and keep going.
    try {
      watches.forEach(Watch::sample);
      if (runLimit > 0) {
        watches.stream().filter(watch -> watch.used > runLimit).forEach(Watch::stop);
      }
      if (watches.stream().anyMatch(watch -> watch.stoppedAt >= 0)) {
        return;
      }
      Heap.Reading reading = heap.read();
      if (reading.collections() > settledAfter.get() && reading.usedAfterGc() > heapLimit) {
        watches.stream()
            .filter(watch -> watch.score > 0)
            .max(Comparator.comparingDouble(watch -> watch.score))
            .ifPresent(watch -> stopForHeap(watch, reading));
      }
    } catch (RuntimeException e) {
      LOG.error("Checking the memory of script runs failed", e);
    }
  }

  private static void stopForHeap(Watch watch, Heap.Reading reading) {
    LOG.warn(
        "Heap {}% full after garbage collection; stopping script {}, which allocates the most",
        Math.round(reading.usedAfterGc() * 100), watch.name);
    watch.stop();
  }

  /** One run under watch. */
  final class Watch implements AutoCloseable {
    private final String name;
    private final Thread thread;
    private final long start;
    // Dropped on close: it holds the run's context, whose memory is to be collected.
    private volatile RunControl control;
    // Written by the checking thread only; read by the run's thread once the run stopped.
    private volatile long used;
    private volatile long stoppedAt = -1;
    private double score;

    private Watch(String name, Thread thread, RunControl control, long start) {
      this.name = name;
      this.thread = thread;
      this.control = control;
      this.start = start;
    }

    /** Bytes the run had allocated when the guard stopped it; -1 if it did not. */
    long stoppedAt() {
      return stoppedAt;
    }

    /** Ends the watch; call it once nothing refers to the run's context any more. */
    @Override
    public void close() {
      watches.remove(this);
      control = null;
      settledAfter.accumulateAndGet(heap.read().collections(), Math::max);
    }

    private void sample() {
      long total = allocations.allocatedBytes(thread);
      if (start < 0 || total < 0) {
        return;
      }
      score = score * DECAY + (total - start - used);
      used = total - start;
    }

    private void stop() {
      RunControl running = control;
      if (stoppedAt < 0 && running != null) {
        stoppedAt = used;
        running.stop(RunControl.StopReason.OUT_OF_MEMORY);
      }
    }
  }
}
