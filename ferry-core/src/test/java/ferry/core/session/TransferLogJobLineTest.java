package ferry.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.transfer.TransferRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransferLogJobLineTest {
  @Test
  void aJobsTransferLineNamesBothEndpointsPathsDirectionProtocolAndSha256() {
    TransferRecord r = TransferRecord.job("j1", "drop-a", "/report.csv", "drop-b", "/in/report.csv", 15,
        Duration.ofMillis(3), "ab12", true, null, Instant.EPOCH);
    assertThat(TransferLog.json(r)).isEqualTo("{\"protocol\":\"JOB\",\"direction\":\"copy\","
        + "\"src_vfs\":\"drop-a\",\"src_path\":\"/report.csv\",\"dst_vfs\":\"drop-b\",\"dst_path\":\"/in/report.csv\","
        + "\"bytes\":15,\"duration_ms\":3,\"ok\":true,\"sha256\":\"ab12\",\"job_id\":\"j1\","
        + "\"finished_at\":\"1970-01-01T00:00:00Z\"}");
  }
}
