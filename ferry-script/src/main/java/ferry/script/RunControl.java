package ferry.script;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one run: by {@code Exit}, by its {@link CancelSignal}, by its time limit, by the {@link
 * MemoryGuard} or by an interrupt of its thread. The first reason wins. A stop first cancels what
 * the script waits for ({@code Sleep}, an HTTP exchange), so that host call returns at once and
 * ends the script from its own thread; then it cancels the GraalJS context, which unwinds a busy
 * script at its next statement. Neither runs the script's {@code catch} or {@code finally} blocks.
 */
final class RunControl {
  /** Why a run was stopped before its end. */
  enum StopReason {
    EXIT,
    CANCELLED,
    TIMED_OUT,
    /** The {@link MemoryGuard} stopped it. */
    OUT_OF_MEMORY
  }

  private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

  private final Context context;
  private final Executor closer;
  private StopReason reason;
  private int exitCode;
  private boolean finished;
  private boolean interruptedFromOutside;
  private CompletableFuture<?> waitingFor;

  /**
   * @param context the context of the run
   * @param closer runs the cancelling close, off the thread that requests the stop
   */
  RunControl(Context context, Executor closer) {
    this.context = context;
    this.closer = closer;
  }

  /** Stops the run from another thread; does nothing if it already ended or was stopped. */
  void stop(StopReason why) {
    if (request(why, 1)) {
      try {
        closer.execute(this::cancelContext);
      } catch (RejectedExecutionException e) {
        // The engine is closing, and closing the engine cancels every context anyway.
        LOG.debug("Watchdog gone; the engine close cancels the context", e);
      }
    }
  }

  /** Ends the run from the script's own thread with {@code code}. */
  void exit(int code) {
    request(StopReason.EXIT, code);
    unwind();
  }

  /** Waits {@code millis}, or less if the run is stopped meanwhile. */
  void sleep(long millis) {
    try {
      if (!await(new CompletableFuture<Void>(), millis)) {
        unwind();
      }
    } catch (TimeoutException e) {
      LOG.trace("Slept {} ms", millis);
    }
  }

  /**
   * Waits for {@code future} on the script's thread; a stop of the run cancels it.
   *
   * @return true if the future completed, normally or not; false if the run was stopped, in which
   *     case the caller should {@link #unwind()}
   * @throws TimeoutException if {@code millis} passed first
   */
  boolean await(CompletableFuture<?> future, long millis) throws TimeoutException {
    synchronized (this) {
      if (reason != null) {
        return false;
      }
      waitingFor = future;
    }
    try {
      future.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | CancellationException e) {
      return reason().isEmpty();
    } catch (InterruptedException e) {
      if (request(StopReason.CANCELLED, 1)) {
        synchronized (this) {
          interruptedFromOutside = true;
        }
      }
      Thread.currentThread().interrupt();
      return false;
    } finally {
      synchronized (this) {
        waitingFor = null;
      }
    }
  }

  /**
   * Ends a stopped script from inside a host call on its own thread: cancelling the context from
   * the executing thread throws a cancel exception that the script cannot catch.
   */
  void unwind() {
    context.close(true);
  }

  /** Marks the run as ended; a later stop request does nothing. */
  synchronized void finish() {
    finished = true;
  }

  synchronized Optional<StopReason> reason() {
    return Optional.ofNullable(reason);
  }

  synchronized int exitCode() {
    return exitCode;
  }

  /** Whether someone other than the engine interrupted the run's thread. */
  synchronized boolean interruptedFromOutside() {
    return interruptedFromOutside;
  }

  private boolean request(StopReason why, int code) {
    CompletableFuture<?> wakeUp;
    synchronized (this) {
      if (finished || reason != null) {
        return false;
      }
      reason = why;
      exitCode = code;
      wakeUp = waitingFor;
    }
    if (wakeUp != null) {
      wakeUp.cancel(true);
    }
    return true;
  }

  private void cancelContext() {
    synchronized (this) {
      if (finished) {
        return;
      }
    }
    try {
      context.close(true);
    } catch (PolyglotException | IllegalStateException e) {
      // The run thread may be closing the context at the same moment; either close suffices.
      LOG.debug("Cancelling close of a script context failed", e);
    }
  }
}
