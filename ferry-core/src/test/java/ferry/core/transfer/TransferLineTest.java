package ferry.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class TransferLineTest {
  private static final String SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

  private static TransferRecord session(boolean ok, long bytes, Duration took, String sha, String error) {
    return new TransferRecord(null, "SFTP", "/in/a.csv", "home", "/in/a.csv", bytes, took, sha, ok, error,
        Instant.parse("2026-01-05T08:12:41.123Z"), "alice", "SFTP", TransferRecord.UPLOAD, "/in/a.csv", "10.0.0.7",
        "c42");
  }

  @Test
  void aSessionUploadReadsAsWhoWhatWhereHowMuchHowLongAndItsFullSha256() {
    assertThat(TransferLine.message(session(true, 1_250_000, Duration.ofMillis(420), SHA, null)))
        .isEqualTo("upload ok alice@10.0.0.7 SFTP:/in/a.csv -> home:/in/a.csv 1.2 MiB in 420 ms sha256=" + SHA);
  }

  @Test
  void aRefusedUploadEndsWithItsReason() {
    assertThat(TransferLine.message(session(false, 0, Duration.ZERO, null,
        "permission denied: 'upload' is not granted in /in")))
        .isEqualTo("upload failed alice@10.0.0.7 SFTP:/in/a.csv -> home:/in/a.csv 0 B in 0 ms:"
            + " permission denied: 'upload' is not granted in /in");
  }

  @Test
  void aJobCopyNamesTheJobAndBothEndpoints() {
    TransferRecord r = TransferRecord.job("j1", "drop-a", "/report.csv", "drop-b", "/in/report.csv", 15,
        Duration.ofMillis(3_200), "ab12", true, null, Instant.EPOCH);
    assertThat(TransferLine.message(r))
        .isEqualTo("copy ok job j1 drop-a:/report.csv -> drop-b:/in/report.csv 15 B in 3.2 s sha256=ab12");
  }

  @Test
  void theFieldsKeepOneOrderWithNumbersAsNumbersAndNoNulls() {
    TransferRecord r = TransferRecord.job("j1", "drop-a", "/report.csv", "drop-b", "/in/report.csv", 15,
        Duration.ofMillis(3), "ab12", true, null, Instant.EPOCH);
    assertThat(TransferLine.fields(r)).containsExactly(
        entry("event", "transfer"), entry("job_id", "j1"), entry("protocol", "JOB"), entry("direction", "copy"),
        entry("src_vfs", "drop-a"), entry("src_path", "/report.csv"), entry("dst_vfs", "drop-b"),
        entry("dst_path", "/in/report.csv"), entry("bytes", 15L), entry("duration_ms", 3L), entry("ok", true),
        entry("sha256", "ab12"), entry("finished_at", "1970-01-01T00:00:00Z"));
  }

  @Test
  void aFailedTransferIsAWarningAndCarriesItsFieldsAsKeyValuePairs() {
    Logger logger = (Logger) LoggerFactory.getLogger("ferry.transfer");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    Level before = logger.getLevel();
    logger.setLevel(Level.INFO);
    try {
      TransferLine.log(session(true, 5, Duration.ZERO, SHA, null));
      TransferLine.log(session(false, 0, Duration.ZERO, null, "quota exceeded"));
    } finally {
      logger.detachAppender(seen);
      logger.setLevel(before);
    }
    assertThat(seen.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO, Level.WARN);
    List<KeyValuePair> kv = seen.list.get(1).getKeyValuePairs();
    assertThat(kv).extracting(p -> p.key).startsWith("event", "user", "protocol", "direction")
        .contains("error", "remote_addr", "conn_id").doesNotContain("sha256", "job_id");
    assertThat(kv).filteredOn(p -> p.key.equals("error")).extracting(p -> p.value).containsExactly("quota exceeded");
  }

  private static java.util.Map.Entry<String, Object> entry(String k, Object v) {
    return java.util.Map.entry(k, v);
  }
}
