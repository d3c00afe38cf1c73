package ferry.httpd.orchestration;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller (bucket4j, in this node's memory), refilled greedily: a limit of
 * {@code n} per minute holds {@code n} tokens and gets one back every {@code 60/n} seconds.
 *
 * <p>Bounded: a bucket idle for a minute is full again, so forgetting it changes nothing; those are
 * swept every {@link #SWEEP_EVERY}. Should distinct callers still pass {@code max} within a minute (a
 * flood from rotating addresses), arbitrary ones are forgotten too, and they start afresh: memory
 * stays bounded at the price of leniency toward that flood.
 */
final class CallerBuckets {
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

  private record Entry(Bucket bucket, AtomicLong lastUsed) {}

  private final Map<Object, Entry> buckets = new ConcurrentHashMap<>();
  private final int max;
  private final LongSupplier nanos;
  private final AtomicLong nextSweep;

  CallerBuckets(int max, LongSupplier nanos) {
    this.max = max;
    this.nanos = nanos;
    this.nextSweep = new AtomicLong(nanos.getAsLong() + SWEEP_EVERY.toNanos());
  }

  /** The bucket of {@code key}, made full with {@code perMinute} tokens if it has none. */
  Bucket of(Object key, long perMinute) {
    long now = nanos.getAsLong();
    sweepIfDue(now);
    Entry e = buckets.computeIfAbsent(key, k -> new Entry(newBucket(perMinute), new AtomicLong()));
    e.lastUsed.set(now);
    return e.bucket;
  }

  /** The bucket of {@code key} if it has one, without making one. */
  Bucket peek(Object key) {
    Entry e = buckets.get(key);
    return e == null ? null : e.bucket;
  }

  int size() {
    return buckets.size();
  }

  private static Bucket newBucket(long perMinute) {
    return Bucket.builder().addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, WINDOW)).build();
  }

  private void sweepIfDue(long now) {
    long due = nextSweep.get();
    boolean full = buckets.size() >= max;
    if ((now - due < 0 && !full) || !nextSweep.compareAndSet(due, now + SWEEP_EVERY.toNanos())) return;
    long idleSince = now - WINDOW.toNanos();
    buckets.values().removeIf(e -> e.lastUsed.get() - idleSince < 0);
    if (buckets.size() < max) return;
    int keep = max - max / 10; // room for the next tenth before this runs again
    for (Iterator<Object> it = buckets.keySet().iterator(); it.hasNext() && buckets.size() > keep; ) {
      it.next();
      it.remove();
    }
  }
}
