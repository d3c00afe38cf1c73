package ferry.script;

import static java.util.Objects.requireNonNull;

import ferry.vfs.LocalVfs;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VFS side of one run: the library entries it opened (one per name, closed when the run ends)
 * and the worker that performs its VFS calls.
 *
 * <p>Every VFS call runs on a worker thread while the script thread waits in {@link
 * RunControl#await}; a stop of the run therefore wakes the script thread at once, however long a
 * backend blocks, and neither the script thread nor the shared watchdog hangs on I/O. The worker
 * sees the stop through {@link #stopped()} at its next buffer, listing batch or file and abandons
 * its work (aborting uploads); {@link #close()} waits for it, then closes the file systems, which
 * also ends a backend call that is stuck.
 */
final class VfsSession implements AutoCloseable {
  /** How long the end of a run waits for a stopped VFS call, before and after closing the VFSs. */
  static final Duration STOP_GRACE = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(VfsSession.class);

  private final ScriptHost host;
  private final SecretMasker masker;
  private final RunControl control;
  private final Executor workers;
  private final Clock clock;
  private final Map<String, ScriptVfs> opened = new LinkedHashMap<>();
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
  private boolean closing;

  VfsSession(
      ScriptHost host, SecretMasker masker, RunControl control, Executor workers, Clock clock) {
    this.host = requireNonNull(host, "No host");
    this.masker = requireNonNull(masker, "No secret masker");
    this.control = requireNonNull(control, "No run control");
    this.workers = requireNonNull(workers, "No workers");
    this.clock = requireNonNull(clock, "No clock");
  }

  ScriptHost host() {
    return host;
  }

  Clock clock() {
    return clock;
  }

  /** True once the run was stopped or ended; VFS work in progress then gives up. */
  boolean stopped() {
    synchronized (this) {
      if (closing) {
        return true;
      }
    }
    return control.reason().isPresent();
  }

  /**
   * Runs {@code op} on a worker while the script thread waits. If the run is stopped meanwhile, the
   * script is unwound (this does not return); {@code failure} makes the value returned when the
   * worker cannot run, or when {@code op} fails unexpectedly.
   */
  <T> T call(Supplier<T> op, Function<String, T> failure) {
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (closing) {
        return failure.apply("the run has ended");
      }
      inFlight = done;
    }
    try {
      workers.execute(() -> work(op, failure, result, done));
    } catch (RejectedExecutionException e) {
      done.complete(null);
      return failure.apply("the script engine is shutting down");
    }
    boolean finished;
    try {
      finished = control.await(result, Long.MAX_VALUE);
    } catch (TimeoutException e) {
      finished = false;
    }
    if (!finished) {
      control.unwind();
      return failure.apply(VfsErrorText.STOPPED);
    }
    return result.join();
  }

  private static <T> void work(
      Supplier<T> op,
      Function<String, T> failure,
      CompletableFuture<T> result,
      CompletableFuture<Void> done) {
    try {
      result.complete(op.get());
    } catch (RuntimeException e) {
      LOG.error("VFS call of a script failed unexpectedly", e);
      result.complete(failure.apply("internal error in the VFS call (see the server log)"));
    } finally {
      done.complete(null);
    }
  }

  /**
   * Returns the library entry {@code name}, opening it on first use. Called on the worker.
   *
   * @throws IOException as {@link ScriptHost#openVfs}, or if the run ended
   */
  ScriptVfs open(String name) throws IOException {
    synchronized (this) {
      ScriptVfs vfs = opened.get(name);
      if (vfs != null) {
        return vfs;
      }
    }
    Vfs backend = host.openVfs(name);
    requireNonNull(backend, "ScriptHost.openVfs returned null for " + name);
    ScriptVfs vfs = new ScriptVfs(name + ": ", backend, this::stopped);
    synchronized (this) {
      if (!closing) {
        opened.put(name, vfs);
        return vfs;
      }
    }
    closeQuietly(name, vfs);
    throw new IOException("the run has ended");
  }

  /** Returns a file system over the local directory {@code root}, for Download and Upload. */
  ScriptVfs local(Path root) throws IOException {
    return new ScriptVfs(TransferRecord.LOCAL + ": " + root, new LocalVfs(root), this::stopped);
  }

  /**
   * Reports one transfer to the host, with the secrets the run read masked; a failing host is
   * logged, not passed on.
   */
  void report(TransferRecord record) {
    TransferRecord masked = masker.mask(record);
    try {
      host.transferred(masked);
    } catch (RuntimeException e) {
      LOG.error("Recording the transfer {} failed", masked, e);
    }
  }

  /**
   * Ends the session when the run ends: stops VFS work still in progress, waits for it up to {@link
   * #STOP_GRACE}, closes every opened VFS, then waits once more. Idempotent.
   */
  @Override
  public void close() {
    CompletableFuture<Void> running;
    List<Map.Entry<String, ScriptVfs>> toClose;
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
      running = inFlight;
      toClose = new ArrayList<>(opened.entrySet());
      opened.clear();
    }
    // An interrupt of the run's thread is one way to stop it; the clean-up still gets its bounded
    // waits, and the flag is set again afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      boolean ended = awaitQuietly(running);
      toClose.forEach(e -> closeQuietly(e.getKey(), e.getValue()));
      if (!ended && !awaitQuietly(running)) {
        LOG.warn("A VFS call of a stopped script did not end; it is left to finish on its own");
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean awaitQuietly(CompletableFuture<Void> running) {
    try {
      running.get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return running.isDone();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void closeQuietly(String name, Vfs vfs) {
    try {
      vfs.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing the VFS {} of a script run failed: {}", name, e.toString());
    }
  }
}
