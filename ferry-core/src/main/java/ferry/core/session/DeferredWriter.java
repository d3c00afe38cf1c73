package ferry.core.session;

import ferry.core.account.UsageRepository;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread for the bookkeeping writes of file sessions (transfer records, quota
 * usage), so that a protocol thread never waits for the database per file. Tasks run in order;
 * a full queue blocks the submitter (bounded memory). Quota charges and transfer records linger
 * a moment so that a burst becomes one write (see {@link #usage}, {@link TransferLog#batched});
 * {@link #flush} and {@link #close()} write them out first.
 */
public final class DeferredWriter implements Executor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeferredWriter.class);
  private static final int CAPACITY = 16_384;
  private static final Runnable STOP = () -> {};
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(1);
  /** How long a write waits for others like it: one UPDATE or one batch per burst, not one per file. */
  private static final long LINGER_MS = 100;

  private final Executor later = CompletableFuture.delayedExecutor(LINGER_MS, TimeUnit.MILLISECONDS, this);
  private final List<Runnable> flushers = new CopyOnWriteArrayList<>();

  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile boolean closed;

  /** Starts the writer thread. */
  public DeferredWriter() {
    thread = Thread.ofPlatform().daemon().name("ferry-deferred-writes").start(this::run);
  }

  /** Queues {@code task}; runs it here if the writer is closed. */
  @Override
  public void execute(Runnable task) {
    if (!closed) {
      try {
        queue.put(task);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    runLogged(task);
  }

  /**
   * {@code usage} with its additions applied here a moment later, summed per account, and read
   * back at once (reads add what is pending).
   */
  public UsageRepository usage(UsageRepository usage) {
    DeferredUsage deferred = new DeferredUsage(usage, later);
    onFlush(deferred::flushAll);
    return deferred;
  }

  /**
   * The record of uploads in progress of server instance {@code owner}: starts written a moment
   * later unless the upload ended meanwhile, ends written here.
   */
  public OpenUploads openUploads(OpenUploadRepository repo, String owner) {
    OpenUploads uploads = new OpenUploads(repo, owner, later, this);
    onFlush(uploads::flushAll);
    return uploads;
  }

  /** Runs tasks here a moment later, so that writes arriving meanwhile can join them. */
  Executor later() {
    return later;
  }

  /** {@code flushNow} writes out what lingers; {@link #flush} and {@link #close()} run it here first. */
  void onFlush(Runnable flushNow) {
    flushers.add(flushNow);
  }

  /** Waits until every task queued and every charge made before this call has been written. */
  public void flush(Duration timeout) throws InterruptedException {
    if (Thread.currentThread() == thread) {
      return;
    }
    flushers.forEach(this::execute);
    CountDownLatch done = new CountDownLatch(1);
    execute(done::countDown);
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("Deferred writes still pending after {}", timeout);
    }
  }

  /** Waits (up to a second) for what is queued now: admin reads call it to see their own writes. */
  public void settle() {
    try {
      flush(SETTLE_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        continue; // only close() stops the writer, after the queue is drained
      }
      if (task == STOP) {
        return;
      }
      runLogged(task);
    }
  }

  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("A deferred write failed", e);
    }
  }

  /** Runs every queued task, then stops the thread. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      flushers.forEach(this::execute);
      queue.put(STOP);
      closed = true;
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runnable left;
    while ((left = queue.poll()) != null) {
      runLogged(left);
    }
  }
}
