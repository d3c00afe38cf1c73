package ferry.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-way switch that stops the runs it was handed to. Any thread may call {@link #cancel()}; a
 * running script stops within a second, also while it sleeps or waits for an HTTP response.
 * Cancelling before the run starts makes the run end as cancelled without executing.
 */
public final class CancelSignal {
  private final Object lock = new Object();
  private final List<Runnable> listeners = new ArrayList<>();
  private boolean cancelled;

  /** Triggers the signal; later calls do nothing. */
  public void cancel() {
    List<Runnable> toNotify;
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toNotify = List.copyOf(listeners);
      listeners.clear();
    }
    toNotify.forEach(Runnable::run);
  }

  /** Returns whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /**
   * Runs {@code listener} once on cancellation, at once if already cancelled. The listener must not
   * block: it runs on the thread that calls {@link #cancel()}.
   *
   * @return removes the listener
   */
  Runnable subscribe(Runnable listener) {
    synchronized (lock) {
      if (!cancelled) {
        listeners.add(listener);
        return () -> unsubscribe(listener);
      }
    }
    listener.run();
    return () -> {};
  }

  private void unsubscribe(Runnable listener) {
    synchronized (lock) {
      listeners.remove(listener);
    }
  }
}
