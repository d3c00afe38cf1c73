package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.FerryProcess;
import ferry.it.support.Waits;
import ferry.store.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled server jobs on two real server processes sharing one PostgreSQL database (issue 13):
 * 100 copy jobs firing every minute for three minutes run exactly 300 times between them, each
 * firing once (none twice, none lost), counted per job and scheduled time. In the same minutes,
 * on the same nodes, the pipelines' cron and poll triggers ({@link PipelineClusterChecks}, issue 14).
 */
class SchedulesClusterIT {
  private static final int JOBS = 100;
  private static final int MINUTES = 3;
  /** A window starting sooner than this after the last job is made waits for the next minute. */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  @TempDir Path tmp;

  @Test
  void jobsAndPipelinesFireOncePerFiringAcrossTwoNodes() throws Exception {
    String db = TestDatabases.newPostgres();
    Map<String, String> env = Map.of("FERRY_MASTER_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    try (FerryProcess a = FerryProcess.start(tmp.resolve("node-a"), List.of("--db-url", db), env).unthrottled();
         FerryProcess b = FerryProcess.start(tmp.resolve("node-b"), List.of("--db-url", db), env)) {
      Path src = Files.createDirectories(tmp.resolve("vfs/src"));
      Path dst = Files.createDirectories(tmp.resolve("vfs/dst"));
      Files.writeString(src.resolve("data.txt"), "ferry schedules\n");
      a.api().expect(201, "POST", "/v1/adm/folders", a.cliKey(),
          "{\"name\":\"src\",\"mapped_path\":\"" + src + "\",\"filesystem\":{\"provider\":0}}");
      a.api().expect(201, "POST", "/v1/adm/folders", a.cliKey(),
          "{\"name\":\"dst\",\"mapped_path\":\"" + dst + "\",\"filesystem\":{\"provider\":0}}");

      // jobs made on both nodes at once, through the admin key each node's CLI uses (a short set-up keeps the IT short)
      List<String> ids;
      try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
          int n = i;
          FerryProcess node = i % 2 == 0 ? a : b;
          made.add(pool.submit(() -> node.api().expect(201, "POST", "/api/jobs", node.cliKey(), "{\"name\":\"every-minute-"
              + n + "\",\"schedule\":\"* * * * *\",\"sourcePath\":\"src:/data.txt\",\"destinationPath\":\"dst:/job-" + n
              + "\"}").path("data").path("id").asText()));
        }
        ids = new ArrayList<>();
        for (Future<String> f : made) ids.add(f.get());
      }
      PipelineClusterChecks pipelines = new PipelineClusterChecks(a, b, db, tmp);
      pipelines.create();
      Instant first = Instant.now().plus(SETTLE).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      List<Instant> window = List.of(first, first.plus(Duration.ofMinutes(1)), first.plus(Duration.ofMinutes(2)));
      Instant last = window.get(MINUTES - 1);
      pipelines.checkPolledSource(); // while the window's minutes pass

      try (Connection c = DriverManager.getConnection(db)) {
        // every firing of the window has ended (completed or failed), or the wait fails
        Waits.until("the " + JOBS * MINUTES + " runs of " + window, Duration.ofMinutes(5), () ->
            Instant.now().isAfter(last) && count(c, "status <> 'running'", first, last) >= JOBS * MINUTES ? true : null);
        Map<String, Map<Instant, Integer>> perJob = new HashMap<>();
        Map<String, Integer> perNode = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT job_id, scheduled_at, node, status FROM job_runs WHERE scheduled_at >= '" + first
                + "' AND scheduled_at <= '" + last + "'")) {
          while (rs.next()) {
            Instant at = rs.getObject("scheduled_at", java.time.OffsetDateTime.class).toInstant();
            perJob.computeIfAbsent(rs.getString("job_id"), k -> new HashMap<>()).merge(at, 1, Integer::sum);
            perNode.merge(rs.getString("node"), 1, Integer::sum);
            assertThat(rs.getString("status")).isEqualTo("completed");
          }
        }
        assertThat(perJob.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
          assertThat(perJob.get(id)).as("runs of job %s per scheduled time", id)
              .containsExactlyInAnyOrderEntriesOf(Map.of(window.get(0), 1, window.get(1), 1, window.get(2), 1));
        }
        assertThat(perNode.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(JOBS * MINUTES);
        assertThat(perNode).as("runs per node").hasSize(2);
        // no firing ever ran twice, in or out of the window
        assertThat(count(c, "TRUE", Instant.EPOCH, Instant.now().plus(Duration.ofDays(1))))
            .isEqualTo(distinctFirings(c));
      }
      pipelines.checkCron(first, last, MINUTES);
      // db-scheduler never handed one firing to both nodes (the runs' unique key would have refused it)
      assertThat(a.log() + b.log()).doesNotContain("already has a run").doesNotContain(" ERROR ");
      JsonNode runs = b.api().expect(200, "GET", "/api/jobs/" + ids.get(0) + "/runs?limit=100", b.cliKey(), null);
      assertThat(runs.path("data").findValuesAsText("status")).contains("completed");
      assertThat(Files.readString(dst.resolve("job-0/data.txt"))).isEqualTo("ferry schedules\n");
      assertThat(runs.path("data").get(0).path("transferIds").size()).isEqualTo(1);
      assertThat(a.stop()).isZero();
      assertThat(b.stop()).isZero();
    } finally {
      TestDatabases.dropPostgres(db);
    }
  }

  private static int count(Connection c, String where, Instant from, Instant to) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM job_runs WHERE "
        + where + " AND scheduled_at >= '" + from + "' AND scheduled_at <= '" + to + "'")) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int distinctFirings(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT COUNT(*) FROM (SELECT DISTINCT job_id, scheduled_at FROM job_runs) f")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
