package ferry.core.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * API keys as recently read from the database, with their allow-lists parsed. An entry lives for
 * {@link #TTL} at most, so a key revoked or changed on another node stops working within that
 * time; changes made on this node drop the entry at once.
 */
final class KeyCache {
  /** How long a key read from the database is trusted without reading it again. */
  static final Duration TTL = Duration.ofSeconds(1);

  private static final int MAX_ENTRIES = 10_000;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  // Bumped by every change, so a read that raced with a change on this node is not kept.
  private final AtomicLong generation = new AtomicLong();
  private final LongSupplier nanos;

  KeyCache(LongSupplier nanos) {
    this.nanos = nanos;
  }

  /** A key read from the database, its parsed allow-list, and when it was read. */
  record Entry(ApiKey key, List<Cidr> allowed, long readAtNanos) {}

  Optional<Entry> find(String id) {
    Entry e = entries.get(id);
    if (e == null || nanos.getAsLong() - e.readAtNanos() >= TTL.toNanos()) return Optional.empty();
    return Optional.of(e);
  }

  /** What {@link #put} needs to know that no change happened while the key was read. */
  long generation() {
    return generation.get();
  }

  /** Remembers {@code key}, read now, unless a change happened since {@code readGeneration}. */
  Entry put(ApiKey key, long readGeneration) {
    Entry e = new Entry(key, key.allowedIps().stream().map(Cidr::parse).toList(), nanos.getAsLong());
    // Only ids found in the database get here, so the map grows with real keys, not with guesses.
    if (entries.size() >= MAX_ENTRIES) entries.clear();
    entries.put(key.id(), e);
    if (generation.get() != readGeneration) entries.remove(key.id(), e);
    return e;
  }

  /** Replaces the key of an entry without making it look freshly read. */
  void refresh(Entry e, ApiKey key) {
    entries.replace(key.id(), e, new Entry(key, e.allowed(), e.readAtNanos()));
  }

  void invalidate(String id) {
    generation.incrementAndGet();
    entries.remove(id);
  }

  void clear() {
    generation.incrementAndGet();
    entries.clear();
  }
}
