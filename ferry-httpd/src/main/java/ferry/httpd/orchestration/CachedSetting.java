package ferry.httpd.orchestration;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime setting read at most once per {@code ttl}: a hot path (every /api request) must not query
 * the database each time, and a change made on any node still arrives within {@code ttl}. When the
 * read fails, the last value (or the default) holds until the next attempt, so a database hiccup
 * does not fail requests that need no database.
 */
final class CachedSetting<T> implements Supplier<T> {
  private static final Logger log = LoggerFactory.getLogger(CachedSetting.class);

  private record Read<T>(T value, long expiresAt) {}

  private final Supplier<T> read;
  private final long ttlNanos;
  private final LongSupplier nanos;
  private volatile Read<T> current;

  CachedSetting(Supplier<T> read, T fallback, Duration ttl, LongSupplier nanos) {
    this.read = read;
    this.ttlNanos = ttl.toNanos();
    this.nanos = nanos;
    this.current = new Read<>(fallback, nanos.getAsLong()); // expired: the first get reads
  }

  @Override
  public T get() {
    Read<T> c = current;
    long now = nanos.getAsLong();
    if (now - c.expiresAt() < 0) return c.value();
    T v;
    try {
      v = read.get();
    } catch (RuntimeException e) {
      log.warn("cannot read a runtime setting, keeping {} for now: {}", c.value(), e.toString());
      v = c.value();
    }
    current = new Read<>(v, now + ttlNanos);
    return v;
  }
}
