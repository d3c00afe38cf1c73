package ferry.core.transfer;

import ferry.core.ReadableUnits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The server log's line for one transfer, on {@code ferry.transfer}: a sentence for people, and
 * the record's fields as key-value pairs for the JSON log format (issue 11). E.g.
 *
 * <pre>
 * upload ok alice@10.0.0.7 SFTP:/in/a.csv -&gt; home:/in/a.csv 1.2 MiB in 0.4 s sha256=2cf2...9824
 * upload failed alice@10.0.0.7 SFTP:/ro/a.csv -&gt; home:/ro/a.csv 0 B in 0 ms: permission denied: ...
 * copy ok job 01J... drop-a:/report.csv -&gt; drop-b:/report.csv 15 B in 3 ms sha256=...
 * </pre>
 */
public final class TransferLine {
  private static final Logger TRANSFER = LoggerFactory.getLogger("ferry.transfer");

  private TransferLine() {}

  /** Logs {@code r}: INFO when the file moved, WARN when it failed or was refused. */
  public static void log(TransferRecord r) {
    LoggingEventBuilder line = r.ok() ? TRANSFER.atInfo() : TRANSFER.atWarn();
    line.setMessage(message(r));
    fields(r).forEach(line::addKeyValue);
    line.log();
  }

  /** The sentence: direction, result, who, source -&gt; destination, size, time, SHA-256, error. */
  static String message(TransferRecord r) {
    StringBuilder b = new StringBuilder(160)
        .append(r.direction()).append(r.ok() ? " ok " : " failed ")
        .append(who(r)).append(' ')
        .append(r.srcVfs()).append(':').append(r.srcPath()).append(" -> ")
        .append(r.dstVfs()).append(':').append(r.dstPath()).append(' ')
        .append(ReadableUnits.size(r.bytes())).append(" in ").append(ReadableUnits.duration(r.duration()));
    if (r.sha256() != null) {
      b.append(" sha256=").append(r.sha256());
    }
    if (r.error() != null) {
      b.append(": ").append(r.error());
    }
    return b.toString();
  }

  private static String who(TransferRecord r) {
    if (r.username() != null) {
      return r.remoteAddr() == null ? r.username() : r.username() + "@" + r.remoteAddr();
    }
    return "job " + r.jobId();
  }

  /** The record's fields with snake_case keys, in a fixed order, without the null ones. */
  static Map<String, Object> fields(TransferRecord r) {
    Map<String, Object> f = new LinkedHashMap<>();
    put(f, "event", "transfer");
    put(f, "user", r.username());
    put(f, "job_id", r.jobId());
    put(f, "protocol", r.protocol());
    put(f, "direction", r.direction());
    put(f, "path", r.path());
    put(f, "src_vfs", r.srcVfs());
    put(f, "src_path", r.srcPath());
    put(f, "dst_vfs", r.dstVfs());
    put(f, "dst_path", r.dstPath());
    put(f, "bytes", r.bytes());
    put(f, "duration_ms", r.duration().toMillis());
    put(f, "ok", r.ok());
    put(f, "sha256", r.sha256());
    put(f, "error", r.error());
    put(f, "remote_addr", r.remoteAddr());
    put(f, "conn_id", r.connId());
    put(f, "finished_at", r.finishedAt().toString());
    return f;
  }

  private static void put(Map<String, Object> f, String key, Object value) {
    if (value != null) {
      f.put(key, value);
    }
  }
}
