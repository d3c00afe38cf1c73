package ferry.server;

import static ferry.server.api.ApiFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import ferry.server.api.ApiFixture;
import ferry.server.files.V2Client;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that dies while a run is in its second step: at the next start the run is resumed from
 * its completed steps when its work directory is whole, or ends interrupted naming the step; it is
 * never left running, and nothing half-written is at its destination.
 */
class PipelineRecoveryTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;
  HttpServer hook;
  final CountDownLatch firstCallArrived = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger calls = new AtomicInteger();
  FerryServer second;

  @BeforeEach
  void hookThatHoldsItsFirstCall() throws Exception {
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", ex -> {
      ex.getRequestBody().readAllBytes();
      if (calls.incrementAndGet() == 1) {
        firstCallArrived.countDown();
        try {
          release.await(2, TimeUnit.MINUTES); // the first server "dies" while this call is open
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    hook.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    if (second != null) second.stop();
    hook.stop(0);
  }

  @Test
  void aRunWhoseServerDiedResumesFromItsCompletedStepsAtTheNextStart() throws Exception {
    String[] ids = runUntilSecondStepThenDie();

    JsonNode run = awaitEnd(ids);

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.path("node").asText()).isEqualTo(second.node());
    assertThat(run.path("steps").get(1).path("log").toString()).contains("resumed after step 1");
    assertThat(Files.readString(dir.resolve("out/a.csv"))).isEqualTo("alpha");
    assertThat(calls.get()).isEqualTo(2);
    assertThat(dir.resolve("data/pipeline-work").resolve(ids[1])).doesNotExist();
  }

  @Test
  void aRunWhoseWorkDirectoryIsIncompleteEndsInterruptedNamingTheStep() throws Exception {
    String[] ids = runUntilSecondStepThenDie();

    JsonNode run = awaitEnd(ids, () -> {
      try (Stream<Path> files = Files.walk(dir.resolve("data/pipeline-work").resolve(ids[1]).resolve("0-source"))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) Files.delete(p);
      }
    });

    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("interrupted");
    assertThat(run.path("error").asText()).isEqualTo("server stopped during step 2 (webhook)");
    try (Stream<Path> out = Files.list(dir.resolve("out"))) {
      assertThat(out).isEmpty();
    }
  }

  @Test
  void aCancelledRunStopsBeforeItsNextStepWithNothingDeliveredAndNoWorkDir() throws Exception {
    second = V2Client.startServer(dir);
    ApiFixture api = ApiFixture.on(second, dir);
    String[] ids = startHeldRun(api);

    JsonNode cancelled = expect(api.client().post("/api/pipelines/" + ids[0] + "/runs/" + ids[1] + "/cancel",
        api.admin(), Map.of()), 200, "cancel").json().path("data");
    release.countDown();

    assertThat(cancelled.path("status").asText()).isEqualTo("cancelled");
    Path work = dir.resolve("data/pipeline-work").resolve(ids[1]);
    Instant deadline = Instant.now().plus(WAIT);
    while (Files.exists(work) && Instant.now().isBefore(deadline)) Thread.sleep(100); // the run winds down
    assertThat(work).doesNotExist();
    JsonNode run = expect(api.client().get("/api/pipelines/" + ids[0] + "/runs/" + ids[1], api.admin()), 200, "run")
        .json().path("data");
    assertThat(run.path("status").asText()).isEqualTo("cancelled");
    try (Stream<Path> out = Files.list(dir.resolve("out"))) {
      assertThat(out).isEmpty();
    }
  }

  /** Starts a run that holds in its webhook step and halts the server as kill -9 would; [pipeline id, run id]. */
  private String[] runUntilSecondStepThenDie() throws Exception {
    FerryServer first = V2Client.startServer(dir);
    String[] ids = startHeldRun(ApiFixture.on(first, dir));
    first.halt();
    // halt() lets db-scheduler hand the run back as it stops; kill -9 would not: its execution stays
    // picked by the dead node, which the next start must not wait out (db-scheduler's dead-node timeout)
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(
            ferry.store.Database.embeddedUrl(dir.resolve("data")));
        java.sql.PreparedStatement ps = c.prepareStatement("UPDATE scheduled_tasks SET picked = TRUE, picked_by = ?,"
            + " last_heartbeat = CURRENT_TIMESTAMP WHERE task_name = 'ferry-pipeline-run' AND task_instance = ?")) {
      ps.setString(1, first.node());
      ps.setString(2, ids[1]);
      assertThat(ps.executeUpdate()).as("the run's execution").isEqualTo(1);
    }
    return ids;
  }

  /** A run whose webhook step holds until {@link #release}; [pipeline id, run id]. */
  private String[] startHeldRun(ApiFixture api) throws Exception {
    Files.createDirectories(dir.resolve("in"));
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("in/a.csv"), "alpha");
    for (String f : new String[] {"in", "out"})
      expect(api.client().post("/api/v2/folders", api.admin(), Map.of("name", "r-" + f, "mapped_path",
          dir.resolve(f).toString(), "filesystem", Map.of("provider", 0))), 201, "folder " + f);
    String yaml = """
        source:
          vfs: r-in
        steps:
          - type: webhook
            url: http://127.0.0.1:%d/hook
        destination:
          vfs: r-out
        """.formatted(hook.getAddress().getPort());
    String id = expect(api.client().post("/api/pipelines", api.admin(),
        Map.of("identifier", "recover", "name", "recover", "yaml", yaml)), 201, "pipeline").json()
        .path("data").path("id").asText();
    String runId = expect(api.client().post("/api/pipelines/" + id + "/runs", api.admin(), Map.of()), 201, "run")
        .json().path("data").path("id").asText();
    assertThat(firstCallArrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the webhook step started").isTrue();
    return new String[] {id, runId};
  }

  interface Io {
    void run() throws Exception;
  }

  private JsonNode awaitEnd(String[] ids) throws Exception {
    return awaitEnd(ids, () -> {});
  }

  private JsonNode awaitEnd(String[] ids, Io beforeRestart) throws Exception {
    beforeRestart.run();
    second = V2Client.startServer(dir);
    ApiFixture api = ApiFixture.on(second, dir);
    Instant deadline = Instant.now().plus(WAIT);
    JsonNode run = null;
    while (Instant.now().isBefore(deadline)) {
      run = expect(api.client().get("/api/pipelines/" + ids[0] + "/runs/" + ids[1], api.admin()), 200, "run")
          .json().path("data");
      if (!run.path("status").asText().matches("queued|running")) return run;
      Thread.sleep(100); // polling for the run's end, with a deadline
    }
    throw new AssertionError("run not ended within " + WAIT + ": " + run);
  }
}
