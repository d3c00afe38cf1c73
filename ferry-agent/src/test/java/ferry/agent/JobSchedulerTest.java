package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's clock of its jobs, on a clock the test moves. */
class JobSchedulerTest {
  @TempDir Path dir;
  FakeFerry server;
  ExecutorService pool = Executors.newCachedThreadPool();
  MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:30Z"));
  List<String> fired = new CopyOnWriteArrayList<>();
  CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = new FakeFerry();
  }

  @AfterEach
  void stop() {
    release.countDown();
    pool.shutdownNow();
    server.close();
  }

  JobScheduler scheduler() throws Exception {
    ServerApi api = new ServerApi(server.uri(), null, () -> "k");
    Outbox box = new Outbox(dir.resolve("outbox"), api, OutboxTest.FAST);
    JobRunner runner = new JobRunner(api, new Reports(box), new RunLedger(dir.resolve("inflight")), null, null, OutboxTest.FAST);
    return new JobScheduler(api, "me", dir.resolve("jobs.json"), runner, pool, clock);
  }

  static String job(String id, String schedule, String tz, boolean enabled, String agent) {
    return """
        {"id":"%s","name":"%s","agentId":"%s","schedule":"%s","timezone":"%s","enabled":%s,
         "sourcePath":"p:/x","destinationPath":"/tmp/x","direction":"pull"}""".formatted(id, id, agent, schedule, tz, enabled);
  }

  @Test
  void readsEveryPageKeepsOnlyItsEnabledJobsAndKeepsThemOnDisk() throws Exception {
    server.answer(r -> {
      boolean first = r.path().contains("page=1");
      String data = first ? "[" + job("a", "* * * * *", "UTC", true, "me") + "," + job("b", "* * * * *", "UTC", false, "me") + "]"
          : "[" + job("c", "@hourly", "Europe/Paris", true, "me") + "," + job("d", "* * * * *", "UTC", true, "other") + "]";
      return new FakeFerry.Answer(200, "{\"success\":true,\"data\":" + data + ",\"pagination\":{\"page\":1,\"limit\":100,\"total\":4,\"totalPages\":2}}", Map.of());
    });
    JobScheduler s = scheduler();
    s.refresh();
    assertThat(s.size()).isEqualTo(2);
    assertThat(server.requests("GET", "/api/jobs").stream().map(FakeFerry.Request::path))
        .containsExactly("/api/jobs?page=1&limit=100", "/api/jobs?page=2&limit=100");

    server.answer(r -> FakeFerry.Answer.status(503)); // the server away: the list on disk still holds
    JobScheduler fresh = scheduler();
    fresh.loadCache();
    fresh.refresh();
    assertThat(fresh.size()).isEqualTo(2);
  }

  @Test
  void firesWhenItsCronSaysAndNeverTwoRunsOfOneJobAtOnce() throws Exception {
    server.answer(r -> r.path().startsWith("/api/jobs?")
        ? new FakeFerry.Answer(200, "{\"success\":true,\"data\":[" + job("a", "* * * * *", "UTC", true, "me")
            + "],\"pagination\":{\"page\":1,\"limit\":100,\"total\":1,\"totalPages\":1}}", Map.of())
        : awaitRelease()); // the endpoint answers only once released, then 503: the run fails
    JobScheduler s = scheduler();
    s.refresh();
    s.tick();
    assertThat(server.requests("POST", "/api/jobs/a/runs")).isEmpty();
    clock.set(Instant.parse("2026-05-01T10:01:00Z"));
    s.tick();
    FakeFerry.await(() -> !server.requests("GET", "/api/jobs/a/endpoint").isEmpty(), Duration.ofSeconds(5), "the run");
    clock.set(Instant.parse("2026-05-01T10:02:00Z"));
    s.tick(); // the first run still waits for its endpoint: skipped
    release.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    try (var files = java.nio.file.Files.list(dir.resolve("outbox"))) {
      // one run started and closed: two reports
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(2);
    }
  }

  private FakeFerry.Answer awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return FakeFerry.Answer.status(503);
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
