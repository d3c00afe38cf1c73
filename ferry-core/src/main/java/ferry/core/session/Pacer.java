package ferry.core.session;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;

/** Holds a transfer to a rate by sleeping once it runs ahead of the allowed bytes. */
final class Pacer {
  private static final Pacer UNLIMITED = new Pacer(0);

  private final long bytesPerSecond;
  private long startNanos;
  private long bytes;

  private Pacer(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** A pacer for {@code kbPerSecond} KB/s (1024 bytes); 0 or less means unlimited. */
  static Pacer of(long kbPerSecond) {
    return kbPerSecond <= 0 ? UNLIMITED : new Pacer(kbPerSecond * 1024);
  }

  /** Accounts for {@code n} bytes moved and sleeps until the rate allows them. */
  void pace(long n) throws InterruptedIOException {
    if (bytesPerSecond <= 0 || n <= 0) {
      return;
    }
    long now = System.nanoTime();
    if (bytes == 0) {
      startNanos = now;
    }
    bytes += n;
    long due = startNanos + (long) (bytes * 1_000_000_000.0 / bytesPerSecond);
    long wait = due - now;
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("transfer interrupted while throttled");
      }
    }
  }
}
