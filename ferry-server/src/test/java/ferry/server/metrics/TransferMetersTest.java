package ferry.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.transfer.TransferRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TransferMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void countsTransfersAndBytesByProtocolDirectionAndResult() {
    TransferMeters meters = new TransferMeters(registry, 0);
    meters.record(session("alice", "SFTP", TransferRecord.UPLOAD, 100, true));
    meters.record(session("alice", "SFTP", TransferRecord.UPLOAD, 50, true));
    meters.record(session("bob", "SCP", TransferRecord.DOWNLOAD, 7, false));

    assertThat(count("ferry.transfers", "sftp", "upload", "ok")).isEqualTo(2);
    assertThat(count("ferry.transfer.bytes", "sftp", "upload", "ok")).isEqualTo(150);
    assertThat(count("ferry.transfer.bytes", "scp", "download", "failed")).isEqualTo(7);
    assertThat(registry.find("ferry.user.transfers").counters()).as("per-user series are opt-in").isEmpty();
  }

  @Test
  void perUserSeriesStopAtTheCapAndTheRestCountAsOther() {
    TransferMeters meters = new TransferMeters(registry, 2);
    for (String user : new String[] {"alice", "bob", "carol", "dave", "alice"})
      meters.record(session(user, "HTTP", TransferRecord.DOWNLOAD, 10, true));
    meters.record(
        TransferRecord.job("j1", "local", "/a", "drop", "/a", 5, Duration.ZERO, null, true, null, Instant.now()));

    assertThat(userBytes("alice")).isEqualTo(20);
    assertThat(userBytes("bob")).isEqualTo(10);
    assertThat(userBytes(MetricsConfig.OTHER_USERS)).isEqualTo(20);
    assertThat(registry.find("ferry.user.transfers").counters()).hasSize(3);
    assertThat(count("ferry.transfers", "job", "upload", "ok")).isEqualTo(1);
  }

  private double count(String name, String protocol, String direction, String result) {
    return registry.get(name).tags("protocol", protocol, "direction", direction, "result", result).counter().count();
  }

  private double userBytes(String user) {
    return registry.get("ferry.user.transfer.bytes").tags("user", user, "direction", "download").counter().count();
  }

  private static TransferRecord session(String user, String protocol, String direction, long bytes, boolean ok) {
    return new TransferRecord(null, "home", "/f", protocol, "/f", bytes, Duration.ofMillis(5), null, ok,
        ok ? null : "broken pipe", Instant.now(), user, protocol, direction, "/f", "127.0.0.1", "c1");
  }
}
