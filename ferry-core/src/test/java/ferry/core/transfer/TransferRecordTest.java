package ferry.core.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransferRecordTest {
  private static TransferRecord job(String src, String dst) {
    return TransferRecord.job("j1", src, "/a.csv", dst, "/in/a.csv", 15, Duration.ofMillis(3), "ab12", true, null,
        Instant.EPOCH);
  }

  @Test
  void aJobsCopyCarriesProtocolAndTheDirectionItsEndpointsGive() {
    TransferRecord copy = job("drop-a", "drop-b");
    assertThat(copy.protocol()).isEqualTo("JOB");
    assertThat(copy.direction()).isEqualTo("copy");
    assertThat(copy.srcVfs()).isEqualTo("drop-a");
    assertThat(copy.dstPath()).isEqualTo("/in/a.csv");
    assertThat(copy.sha256()).isEqualTo("ab12");
    assertThat(job("local", "partner").direction()).isEqualTo("upload");
    assertThat(job("partner", "local").direction()).isEqualTo("download");
    assertThat(job("local", "local").direction()).isEqualTo("copy");
  }
}
