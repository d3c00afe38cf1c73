package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.FerryProcess;
import ferry.it.support.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets running jobs finish until the deadline, marks the rest interrupted, and exits 0. */
class ShutdownIT {
  @TempDir Path tmp;

  @Test
  void sigtermDrainsRunningJobsThenInterruptsTheRestAndExitsZero() {
    Path data = tmp.resolve("data");
    String key;
    String quick;
    String slow;
    try (FerryProcess server = FerryProcess.start(data, List.of("--shutdown-timeout", "4"), Map.of())) {
      String admin = server.cliKey();
      server.api().expect(201, "POST", "/v1/adm/scripts", admin,
          "{\"name\":\"Sleeper\",\"source\":\"Log.Info('start'); Sleep(Number(Params('ms'))); Log.Info('finished');\"}");
      key = server.api().expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"k\"}").get("key").asText();
      quick = start(server, key, 1500);
      slow = start(server, key, 120_000);
      awaitRunning(server, key, quick);
      awaitRunning(server, key, slow);
      long t0 = System.nanoTime();
      assertThat(server.stop()).as(server.log()).isZero();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
      assertThat(server.log()).contains("stopping");
    }
    try (FerryProcess again = FerryProcess.start(data)) {
      JsonNode q = again.api().expect(200, "GET", "/v1/adm/jobs/" + quick, key, null);
      assertThat(q.get("status").asText()).isEqualTo("completed");
      assertThat(q.get("log").toString()).contains("\"finished\"");
      JsonNode s = again.api().expect(200, "GET", "/v1/adm/jobs/" + slow, key, null);
      assertThat(s.get("status").asText()).isEqualTo("interrupted");
      assertThat(s.get("error").asText()).contains("shut down");
      assertThat(s.get("log").toString()).contains("start").doesNotContain("\"finished\"");
    }
  }

  private static String start(FerryProcess server, String key, int ms) {
    return server.api().expect(201, "POST", "/v1/jobs", key,
        "{\"scriptName\":\"Sleeper\",\"params\":{\"ms\":\"" + ms + "\"}}").get("id").asText();
  }

  private static void awaitRunning(FerryProcess server, String key, String id) {
    Waits.until("job " + id + " to run", Duration.ofSeconds(30), () ->
        server.api().expect(200, "GET", "/v1/adm/jobs/" + id, key, null).toString().contains("\"start\"") ? true : null);
  }
}
