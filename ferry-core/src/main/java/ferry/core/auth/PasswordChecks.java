package ferry.core.auth;

import ferry.core.error.UnavailableException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The pool password checks run on, for every protocol: a few platform threads and a bounded number
 * of waiting checks. Checks of one account run one at a time, so an account with a costly hash (up
 * to the cost bounds, about a second) holds at most one thread and other accounts' logins go on;
 * its further checks wait without holding a thread.
 */
public final class PasswordChecks implements AutoCloseable {
  /** Checks that may be running or waiting before new ones are refused. */
  public static final int DEFAULT_MAX_WAITING = 64;

  private final ExecutorService threads;
  private final int maxWaiting;
  /** Accounts with a check running or queued, and their queued checks. Guarded by {@code this}. */
  private final Map<String, ArrayDeque<Runnable>> lanes = new HashMap<>();
  /** Checks accepted and not finished. */
  private int waiting;

  /** {@code threadCount} threads (at least two, so one costly account never holds them all). */
  public PasswordChecks(int threadCount, int maxWaiting) {
    if (threadCount < 2) throw new IllegalArgumentException("password checks need at least 2 threads, got " + threadCount);
    if (maxWaiting < 1) throw new IllegalArgumentException("password checks need a queue, got " + maxWaiting);
    this.threads = Executors.newFixedThreadPool(threadCount, Thread.ofPlatform().name("password-", 1).daemon().factory());
    this.maxWaiting = maxWaiting;
  }

  /** One thread per core (at least two) and {@link #DEFAULT_MAX_WAITING} waiting checks. */
  public static PasswordChecks defaults() {
    return new PasswordChecks(Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_MAX_WAITING);
  }

  /**
   * Queues {@code check} of {@code account}; it runs on a pool thread after the account's earlier checks.
   *
   * @throws UnavailableException when {@code maxWaiting} checks are already running or waiting
   */
  public void submit(String account, Runnable check) {
    synchronized (this) {
      if (waiting >= maxWaiting)
        throw new UnavailableException("too many password checks in progress; try again in a moment");
      waiting++;
      ArrayDeque<Runnable> lane = lanes.get(account);
      if (lane != null) {
        lane.add(check);
        return;
      }
      lanes.put(account, new ArrayDeque<>());
    }
    threads.execute(() -> runLane(account, check));
  }

  /**
   * Runs {@code check} of {@code account} on the pool and waits for its answer; a virtual thread
   * waiting here frees its carrier for other requests.
   *
   * @throws UnavailableException when the queue is full, or the wait is interrupted
   */
  public <T> T call(String account, Supplier<T> check) {
    CompletableFuture<T> answer = new CompletableFuture<>();
    submit(account, () -> {
      try {
        answer.complete(check.get());
      } catch (Throwable t) {
        answer.completeExceptionally(t);
      }
    });
    try {
      return answer.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnavailableException("interrupted while checking a password");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    }
  }

  private void runLane(String account, Runnable check) {
    try {
      check.run();
    } finally {
      Runnable next;
      synchronized (this) {
        waiting--;
        ArrayDeque<Runnable> lane = lanes.get(account);
        next = lane.poll();
        if (next == null) lanes.remove(account);
      }
      // back through the pool's queue, so that other accounts' checks get their turn
      if (next != null) {
        Runnable n = next;
        try {
          threads.execute(() -> runLane(account, n));
        } catch (RejectedExecutionException closed) {
          // the server is stopping; the listeners whose requests wait on these checks stop with it
        }
      }
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
