package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), RandomGenerator.getDefault());

  @TempDir Path dir;
  FakeFerry server;
  ServerApi api;

  @BeforeEach
  void start() throws Exception {
    server = new FakeFerry();
    api = new ServerApi(server.uri(), null, () -> "mft_ak_test");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void reportsArriveInOrderWithTheKeyAndLeaveNothingBehind() throws Exception {
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.start();
      for (int i = 0; i < 20; i++) box.enqueue("PATCH", "/api/transfers/t", Json.object().put("n", i));
      assertThat(box.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.requests().stream().map(r -> r.body().get("n").asInt())).containsExactly(
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.apiKey()).isEqualTo("mft_ak_test"));
    assertThat(new Outbox(dir, api, FAST).pending()).isEmpty();
  }

  @Test
  void aServerThatFailsOrIsAwayGetsTheSameReportAgainUntilItTakesIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server.answer(r -> calls.incrementAndGet() <= 3 ? FakeFerry.Answer.status(503) : FakeFerry.Answer.status(201));
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.start();
      box.enqueue("POST", "/api/transfers", Json.object().put("id", "a"));
      box.enqueue("POST", "/api/transfers", Json.object().put("id", "b"));
      assertThat(box.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.requests().stream().map(r -> r.body().get("id").asText())).containsExactly("a", "a", "a", "a", "b");
  }

  @Test
  void aBanOrAnUnknownKeyHoldsTheQueueInsteadOfDroppingIt() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server.answer(r -> switch (calls.incrementAndGet()) {
      case 1 -> FakeFerry.Answer.status(403);
      case 2 -> FakeFerry.Answer.status(401);
      default -> FakeFerry.Answer.status(200);
    });
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.start();
      box.enqueue("PATCH", "/api/transfers/t", Json.object().put("n", 1));
      assertThat(box.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.requests()).hasSize(3);
    assertThat(dir.resolve("rejected")).doesNotExist();
  }

  @Test
  void retryAfterOfA429IsHonoured() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server.answer(r -> calls.incrementAndGet() == 1
        ? new FakeFerry.Answer(429, "{\"success\":false,\"error\":\"slow down\"}", Map.of("Retry-After", "1"))
        : FakeFerry.Answer.status(200));
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.start();
      box.enqueue("POST", "/api/agents/x", Json.object());
      assertThat(box.flush(Duration.ofSeconds(10))).isTrue();
    }
    var reqs = server.requests();
    assertThat(reqs).hasSize(2);
    assertThat(Duration.ofNanos(reqs.get(1).atNanos() - reqs.get(0).atNanos())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void reportsLeftByAStoppedAgentAreSentByTheNextOneFirst() throws Exception {
    server.answer(r -> FakeFerry.Answer.status(502));
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.start();
      box.enqueue("POST", "/api/jobs/j/runs", Json.object().put("id", "r1"));
      box.enqueue("PATCH", "/api/jobs/j/runs/r1", Json.object().put("status", "completed"));
      assertThat(box.flush(Duration.ofMillis(300))).isFalse();
    }
    server.answer(r -> FakeFerry.Answer.status(200));
    int before = server.requests().size();
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.enqueue("POST", "/api/transfers", Json.object().put("id", "t2"));
      box.start();
      assertThat(box.flush(Duration.ofSeconds(10))).isTrue();
    }
    var after = server.requests().subList(before, server.requests().size());
    assertThat(after.stream().map(r -> r.method() + " " + r.path())).containsExactly(
        "POST /api/jobs/j/runs", "PATCH /api/jobs/j/runs/r1", "POST /api/transfers");
  }

  @Test
  void aConflictCountsAsDeliveredAndARefusalIsSetAsideWithoutBlockingTheRest() throws Exception {
    server.answer(r -> switch (r.body().get("n").asInt()) {
      case 0 -> FakeFerry.Answer.status(409);
      case 1 -> FakeFerry.Answer.status(400);
      default -> FakeFerry.Answer.status(200);
    });
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.start();
      for (int i = 0; i < 3; i++) box.enqueue("PATCH", "/api/transfers/t", Json.object().put("n", i));
      assertThat(box.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(server.requests()).hasSize(3);
    try (var s = Files.list(dir.resolve("rejected"))) {
      assertThat(s.toList()).hasSize(1);
    }
  }

  @Test
  void queuedReportsAreReadableByTheOwnerOnly() throws Exception {
    server.close();
    try (Outbox box = new Outbox(dir, api, FAST)) {
      box.enqueue("POST", "/api/transfers", Json.object().put("id", "a"));
      Path file = box.pending().get(0);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
  }
}
