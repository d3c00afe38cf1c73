package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.core.transfer.TransferLine;
import ferry.core.transfer.TransferRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where finished transfers go: the record sink (the database) and one line on {@code
 * ferry.transfer} ({@link TransferLine}). A batched log queues records and stores what gathered in one batch on a
 * {@link DeferredWriter}, so a burst of small files costs a few batches instead of one write per file.
 */
public final class TransferLog {
  private static final Logger LOG = LoggerFactory.getLogger(TransferLog.class);
  private static final int MAX_BATCH = 1000;

  private final Consumer<List<TransferRecord>> sink;
  private final Executor executor; // null: store on the caller's thread
  private final BlockingQueue<TransferRecord> pending = new LinkedBlockingQueue<>(16_384);
  private final AtomicBoolean drainQueued = new AtomicBoolean();

  /** Writes each record to {@code sink}, e.g. {@code transferRepository::insert}, on the caller's thread. */
  public TransferLog(Consumer<TransferRecord> sink) {
    this(eachOf(requireNonNull(sink, "No transfer sink")), null);
  }

  private static Consumer<List<TransferRecord>> eachOf(Consumer<TransferRecord> sink) {
    return batch -> batch.forEach(sink);
  }

  private TransferLog(Consumer<List<TransferRecord>> sink, Executor executor) {
    this.sink = requireNonNull(sink, "No transfer sink");
    this.executor = executor;
  }

  /**
   * Writes records in batches to {@code sink}, e.g. {@code transferRepository::insertAll}, on
   * {@code writer}, a moment after the first of a batch arrives.
   */
  public static TransferLog batched(Consumer<List<TransferRecord>> sink, DeferredWriter writer) {
    TransferLog log = new TransferLog(sink, writer.later());
    writer.onFlush(log::drain);
    return log;
  }

  /** Stores and logs one record; a failing sink is logged, never thrown to the client. */
  public void write(TransferRecord r) {
    if (executor == null) {
      store(List.of(r));
      return;
    }
    try {
      pending.put(r); // a full queue makes the protocol thread wait for the database: bounded memory
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      store(List.of(r));
      return;
    }
    if (drainQueued.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      drainQueued.set(false); // a record added after this queues another drain
      List<TransferRecord> batch = new ArrayList<>();
      pending.drainTo(batch, MAX_BATCH);
      if (batch.isEmpty()) {
        return;
      }
      store(batch);
    }
  }

  private void store(List<TransferRecord> batch) {
    try {
      sink.accept(batch);
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        LOG.error("Storing the transfer record of {} {} failed", batch.get(0).direction(), batch.get(0).path(), e);
      } else {
        batch.forEach(one -> store(List.of(one))); // keep every record that can be stored
        return;
      }
    }
    batch.forEach(TransferLine::log);
  }
}
