package ferry.it.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waiting on a condition with a timeout, never a fixed sleep. */
public final class Waits {
  private Waits() {}

  /** Polls {@code probe} until it returns non-null, or fails after {@code timeout} saying what was awaited. */
  public static <T> T until(String what, Duration timeout, Supplier<T> probe) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = probe.get();
      if (v != null) return v;
      if (System.nanoTime() > end) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      pause(25);
    }
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
