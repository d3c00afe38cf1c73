package ferry.agent;

/**
 * When a running transfer reports its progress: at least every second, and each time it crosses
 * a tenth of its size (10%, 20%, ...), whichever comes first.
 */
final class ProgressGate {
  static final long EVERY_NANOS = 1_000_000_000L;

  private final long size;
  private long lastNanos;
  private int lastDecile;

  /** {@code size} in bytes, or a negative number when unknown (then only the clock counts). */
  ProgressGate(long size, long startNanos) {
    this.size = size;
    this.lastNanos = startNanos;
  }

  /** Whether to report now, having moved {@code bytes}; a true answer counts as reported. */
  boolean due(long bytes, long nowNanos) {
    int decile = decile(bytes);
    if (decile > lastDecile || nowNanos - lastNanos >= EVERY_NANOS) {
      lastDecile = Math.max(lastDecile, decile);
      lastNanos = nowNanos;
      return true;
    }
    return false;
  }

  /** 0..100, or 0 when the size is unknown. */
  int percent(long bytes) {
    if (size <= 0) return 0;
    return (int) Math.min(100, bytes * 100 / size);
  }

  private int decile(long bytes) {
    return size <= 0 ? 0 : percent(bytes) / 10;
  }
}
