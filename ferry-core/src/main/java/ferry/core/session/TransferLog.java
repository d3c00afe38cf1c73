package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.core.transfer.TransferRecord;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where finished transfers go: the record sink (the database) and one JSON line on {@code ferry.transfer}. */
public final class TransferLog {
  private static final Logger TRANSFER = LoggerFactory.getLogger("ferry.transfer");
  private static final Logger LOG = LoggerFactory.getLogger(TransferLog.class);

  private final Consumer<TransferRecord> sink;
  private final Executor executor;

  /** Writes records to {@code sink}, e.g. {@code transferRepository::insert}, on the caller's thread. */
  public TransferLog(Consumer<TransferRecord> sink) {
    this(sink, Runnable::run);
  }

  /** Writes records to {@code sink} on {@code executor}, e.g. a {@link DeferredWriter}. */
  public TransferLog(Consumer<TransferRecord> sink, Executor executor) {
    this.sink = requireNonNull(sink, "No transfer sink");
    this.executor = requireNonNull(executor, "No executor");
  }

  /** Stores and logs one record; a failing sink is logged, never thrown to the client. */
  public void write(TransferRecord r) {
    executor.execute(() -> store(r));
  }

  private void store(TransferRecord r) {
    try {
      sink.accept(r);
    } catch (RuntimeException e) {
      LOG.error("Storing the transfer record of {} {} failed", r.direction(), r.path(), e);
    }
    TRANSFER.info(json(r));
  }

  /** The record as one JSON object with snake_case keys. */
  static String json(TransferRecord r) {
    StringBuilder b = new StringBuilder(256).append('{');
    field(b, "user", r.username());
    field(b, "protocol", r.protocol());
    field(b, "direction", r.direction());
    field(b, "path", r.path());
    b.append("\"bytes\":").append(r.bytes()).append(',');
    b.append("\"duration_ms\":").append(r.duration().toMillis()).append(',');
    b.append("\"ok\":").append(r.ok()).append(',');
    field(b, "error", r.error());
    field(b, "remote_addr", r.remoteAddr());
    field(b, "conn_id", r.connId());
    field(b, "job_id", r.jobId());
    field(b, "finished_at", r.finishedAt().toString());
    b.setLength(b.length() - 1);
    return b.append('}').toString();
  }

  private static void field(StringBuilder b, String key, String value) {
    if (value == null) {
      return;
    }
    b.append('"').append(key).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append("\",");
  }
}
