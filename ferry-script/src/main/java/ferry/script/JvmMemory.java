package ferry.script;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running JVM's answers to {@link MemoryGuard}: heap use after GC, allocation per thread. */
final class JvmMemory {
  private static final Logger LOG = LoggerFactory.getLogger(JvmMemory.class);

  private JvmMemory() {}

  /**
   * The old-generation pools (those with both usage thresholds; eden and survivor spaces have only
   * the collection one) as of their last collection; the whole heap now if the collector has no
   * such pool. A reading counts as a new collection only when the figure changed: some collectors
   * (ZGC) count young cycles for the old pool without updating its figure.
   */
  static MemoryGuard.Heap heap() {
    return new OldGeneration();
  }

  private static final class OldGeneration implements MemoryGuard.Heap {
    private long lastUsed = -1;
    private long changes;

    @Override
    public synchronized Reading read() {
      long used = 0;
      long max = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP
            && pool.isUsageThresholdSupported()
            && pool.isCollectionUsageThresholdSupported()) {
          MemoryUsage afterGc = pool.getCollectionUsage();
          if (afterGc != null && afterGc.getMax() > 0) {
            used += afterGc.getUsed();
            max += afterGc.getMax();
          }
        }
      }
      if (max == 0) {
        Runtime runtime = Runtime.getRuntime();
        used = runtime.totalMemory() - runtime.freeMemory();
        max = runtime.maxMemory();
      }
      if (used != lastUsed) {
        lastUsed = used;
        changes++;
      }
      return new Reading((double) used / max, changes);
    }
  }

  /** Per-thread allocation counters of HotSpot; without them, nothing is counted. */
  static MemoryGuard.Allocations allocations() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads instanceof com.sun.management.ThreadMXBean hotspot
        && hotspot.isThreadAllocatedMemorySupported()) {
      if (!hotspot.isThreadAllocatedMemoryEnabled()) {
        hotspot.setThreadAllocatedMemoryEnabled(true);
      }
      return thread -> hotspot.getThreadAllocatedBytes(thread.threadId());
    }
    LOG.warn("This JVM does not count allocation per thread; script memory limits do not apply");
    return thread -> -1;
  }
}
