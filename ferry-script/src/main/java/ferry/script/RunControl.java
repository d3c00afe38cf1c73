package ferry.script;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one run: by {@code Exit}, by its {@link CancelSignal}, by its time limit or by an
 * interrupt of its thread. The first reason wins. Stopping completes {@link #stopSignal()} first,
 * which wakes {@code Sleep} and HTTP waits, and then cancels the GraalJS context, which unwinds
 * the script at its next statement without running its {@code catch} or {@code finally} blocks.
 */
final class RunControl {
  /** Why a run was stopped before its end. */
  enum StopReason {
    EXIT,
    CANCELLED,
    TIMED_OUT
  }

  private static final Logger LOG = LoggerFactory.getLogger(RunControl.class);

  private final Context context;
  private final Executor closer;
  private final CompletableFuture<StopReason> stopped = new CompletableFuture<>();
  private StopReason reason;
  private int exitCode;
  private boolean finished;
  private boolean interruptedFromOutside;

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
      closer.execute(this::cancelContext);
    }
  }

  /**
   * Ends the run from the script's own thread with {@code code}. Cancelling the context from the
   * executing thread throws a cancel exception that the script cannot catch.
   */
  void exit(int code) {
    request(StopReason.EXIT, code);
    unwind();
  }

  /** Waits {@code millis}, or less if the run is stopped meanwhile. */
  void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      stopped.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.trace("Sleep of {} ms ended", millis);
      return;
    } catch (InterruptedException e) {
      interrupted();
    } catch (ExecutionException e) {
      throw new IllegalStateException("The stop signal never fails", e);
    }
    unwind();
  }

  /**
   * Ends a stopped script from its own thread, inside the host call that the stop woke. Without
   * this, the script could run a statement or two before the watchdog's cancel lands.
   */
  void unwind() {
    context.close(true);
  }

  /**
   * Handles an {@link InterruptedException} seen by a waiting host call: restores the flag and,
   * unless the engine itself interrupted the thread to stop the run, cancels the run.
   */
  void interrupted() {
    if (request(StopReason.CANCELLED, 1)) {
      synchronized (this) {
        interruptedFromOutside = true;
      }
      closer.execute(this::cancelContext);
    }
    Thread.currentThread().interrupt();
  }

  /** Completes when the run is stopped; a copy, so callers cannot complete it. */
  CompletableFuture<StopReason> stopSignal() {
    return stopped.copy();
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
    synchronized (this) {
      if (finished || reason != null) {
        return false;
      }
      reason = why;
      exitCode = code;
    }
    stopped.complete(why);
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
