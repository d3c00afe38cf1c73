package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.FerryProcess;
import ferry.it.support.LibraryEntries;
import ferry.it.support.Pipelines;
import ferry.it.support.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Issue 14: pipeline triggers on two real server processes sharing one PostgreSQL database, run
 * by {@link SchedulesClusterIT} during the same minutes as its scheduled jobs (one wait for both).
 * A pipeline scheduled every minute runs once per minute between the nodes (3 runs in 3 minutes,
 * not 6); meanwhile a polled source of 500 files delivers each exactly once (one transfer record
 * and one destination file per source file), and a file added later is picked by a later poll, alone.
 */
final class PipelineClusterChecks {
  private static final int FILES = 500;

  private final FerryProcess a;
  private final FerryProcess b;
  private final String db;
  private final Path tmp;
  private final Pipelines onA;
  private final Pipelines onB;
  private String cron;
  private String poll;

  PipelineClusterChecks(FerryProcess a, FerryProcess b, String db, Path tmp) {
    this.a = a;
    this.b = b;
    this.db = db;
    this.tmp = tmp;
    this.onA = Pipelines.of(a);
    this.onB = Pipelines.of(b);
  }

  /** Makes the cron pipeline (on node b) and the polled one (on node a); their firings start now. */
  void create() throws Exception {
    Path cronIn = Files.createDirectories(tmp.resolve("cron-in"));
    Files.writeString(cronIn.resolve("tick.txt"), "tick\n");
    Path pollIn = Files.createDirectories(tmp.resolve("poll-in"));
    for (int i = 0; i < FILES; i++) Files.writeString(pollIn.resolve(String.format("order-%03d.csv", i)), "order," + i + "\n");
    for (String name : List.of("cron-out", "poll-out"))
      Files.createDirectories(tmp.resolve(name));
    LibraryEntries.add(a, LibraryEntries.local("cron-in", cronIn));
    LibraryEntries.add(a, LibraryEntries.local("cron-out", tmp.resolve("cron-out")));
    LibraryEntries.add(a, LibraryEntries.local("poll-in", pollIn));
    LibraryEntries.add(a, LibraryEntries.local("poll-out", tmp.resolve("poll-out")));
    // made on node b, fired by whichever node db-scheduler hands each firing to
    cron = onB.create("every-minute", """
        source: {vfs: cron-in, path: /}
        destination: {vfs: cron-out, path: /}
        trigger: {type: cron, schedule: "* * * * *"}
        """).path("id").asText();
    poll = onA.create("poll-orders", """
        source: {vfs: poll-in, path: /, pattern: "*.csv"}
        destination: {vfs: poll-out, path: /}
        trigger: {type: poll, interval: 10s}
        """).path("id").asText();
  }

  /** The polled source: all 500 delivered once each, then one more file, picked by a later poll. */
  void checkPolledSource() throws Exception {
    Path pollIn = tmp.resolve("poll-in");
    Path out = tmp.resolve("poll-out");
    Waits.until(FILES + " polled files at the destination", Duration.ofSeconds(90), () -> count(out) >= FILES ? true : null);
    Files.writeString(pollIn.resolve("order-late.csv"), "order,late\n");
    Waits.until("the late file at the destination", Duration.ofSeconds(60),
        () -> Files.exists(out.resolve("order-late.csv")) ? true : null);
    Map<String, Integer> delivered = new TreeMap<>();
    JsonNode pollRuns = Waits.until("the poll runs to end", Duration.ofSeconds(30), () -> {
      JsonNode runs = onA.runs(poll);
      for (JsonNode r : runs) if (!Pipelines.isFinal(r)) return null;
      return runs;
    });
    for (JsonNode r : pollRuns) {
      JsonNode run = onA.run(poll, r.path("id").asText());
      assertThat(run.path("status").asText()).as(Pipelines.describe(run)).isEqualTo("completed");
      assertThat(run.path("trigger").asText()).isEqualTo("poll");
      for (JsonNode f : run.path("deliveredFiles")) delivered.merge(name(f.path("source").asText()), 1, Integer::sum);
    }
    assertThat(delivered).as("files delivered per source file").hasSize(FILES + 1);
    assertThat(delivered.values()).as("each delivered once").containsOnly(1);
    assertThat(count(out)).isEqualTo(FILES + 1);
    try (Connection c = DriverManager.getConnection(db)) {
      Map<String, Integer> records = transferRecords(c, poll);
      assertThat(records).as("transfer records per source file").hasSize(FILES + 1);
      assertThat(records.values()).as("one transfer record per file").containsOnly(1);
    }
    onA.data(200, "PATCH", "/api/pipelines/" + poll, "{\"enabled\":false}");
  }

  /** The cron pipeline: one run per minute of the window {@code first}..{@code last}, none twice. */
  void checkCron(Instant first, Instant last, int minutes) throws Exception {
    Waits.until("the cron runs of the " + minutes + " minutes from " + first, Duration.ofMinutes(5), () -> {
      if (Instant.now().isBefore(last)) return null;
      int ended = 0;
      for (JsonNode r : onA.runs(cron))
        if (Pipelines.isFinal(r) && !Instant.parse(r.path("createdAt").asText()).isBefore(first)) ended++;
      return ended >= minutes ? true : null;
    });
    onA.data(200, "PATCH", "/api/pipelines/" + cron, "{\"enabled\":false}");
    Map<Instant, Integer> perMinute = new TreeMap<>();
    Map<String, Integer> perNode = new HashMap<>();
    for (JsonNode r : onB.runs(cron)) {
      assertThat(r.path("trigger").asText()).isEqualTo("cron");
      perMinute.merge(Instant.parse(r.path("createdAt").asText()).truncatedTo(ChronoUnit.MINUTES), 1, Integer::sum);
      perNode.merge(r.path("node").asText(), 1, Integer::sum);
    }
    assertThat(perMinute.values()).as("runs per minute: " + perMinute).containsOnly(1);
    assertThat(perMinute.keySet()).as("runs per minute: " + perMinute)
        .contains(first, first.plus(Duration.ofMinutes(1)), last);
    System.out.println("SchedulesClusterIT: pipeline cron runs per minute " + perMinute + ", per node " + perNode);
  }

  /** Successful transfer records of the pipeline's runs (job id: the run id without dashes), per source file name. */
  private static Map<String, Integer> transferRecords(Connection c, String pipelineId) throws Exception {
    Map<String, Integer> m = new TreeMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT src_path FROM transfers WHERE ok AND job_id IN "
        + "(SELECT replace(id, '-', '') FROM pipeline_runs WHERE pipeline_id = ?)")) {
      s.setString(1, pipelineId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) m.merge(name(rs.getString(1)), 1, Integer::sum);
      }
    }
    return m;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static long count(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().contains(".part")).count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
