package ferry.script;

import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps scripts that allocate without limit from taking the heap of the whole server (issue 10,
 * item 21). GraalJS on a stock JDK offers no per-context heap limit ({@code sandbox.MaxHeapMemory}
 * needs Oracle GraalVM isolates), so the guard samples, every {@link #CHECK_INTERVAL}, how much
 * each run's script thread has allocated since the run started, and stops a run:
 *
 * <ul>
 *   <li>whose allocation passes the run limit, if one is set; or
 *   <li>that allocated the most since the last sample, when the heap is fuller than the heap limit
 *       after a garbage collection, i.e. with live data. Then it waits {@link #COOL_DOWN} for the
 *       memory of that run to be collected before it stops another.
 * </ul>
 *
 * <p>What it cannot see: allocation between two samples (one huge string or array can still fail
 * with an OutOfMemoryError in the script's thread), memory that host calls allocate on other
 * threads (bounded by the HTTP body and file-text limits), and native memory.
 */
final class MemoryGuard implements AutoCloseable {
  static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
  static final Duration COOL_DOWN = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);

  /** How full the heap is. */
  interface Heap {
    /** The share of the maximum heap in use after the last garbage collection, 0 to 1. */
    double usedAfterGc();
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
  private final ScheduledFuture<?> checks;
  private long quietUntil = System.nanoTime();

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
    // Background loop: log and keep going (STYLE 4).
    try {
      watches.forEach(Watch::sample);
      if (runLimit > 0) {
        for (Watch watch : watches) {
          if (watch.used > runLimit) {
            watch.stop();
          }
        }
      }
      if (System.nanoTime() - quietUntil >= 0 && heap.usedAfterGc() > heapLimit) {
        watches.stream()
            .filter(watch -> watch.recent > 0 && watch.stoppedAt < 0)
            .max(Comparator.comparingLong(watch -> watch.recent))
            .ifPresent(this::stopForHeap);
      }
    } catch (RuntimeException e) {
      LOG.error("Checking the memory of script runs failed", e);
    }
  }

  private void stopForHeap(Watch watch) {
    LOG.warn(
        "Heap {}% full after garbage collection; stopping script {}, which allocates the most",
        Math.round(heap.usedAfterGc() * 100), watch.name);
    watch.stop();
    quietUntil = System.nanoTime() + COOL_DOWN.toNanos();
  }

  /** One run under watch. */
  final class Watch implements AutoCloseable {
    private final String name;
    private final Thread thread;
    private final RunControl control;
    private final long start;
    // Written by the checking thread only; read by the run's thread once the run stopped.
    private volatile long used;
    private volatile long stoppedAt = -1;
    private long recent;

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

    @Override
    public void close() {
      watches.remove(this);
    }

    private void sample() {
      long total = allocations.allocatedBytes(thread);
      if (start < 0 || total < 0) {
        return;
      }
      recent = total - start - used;
      used = total - start;
    }

    private void stop() {
      if (stoppedAt < 0) {
        stoppedAt = used;
        control.stop(RunControl.StopReason.OUT_OF_MEMORY);
      }
    }
  }
}
