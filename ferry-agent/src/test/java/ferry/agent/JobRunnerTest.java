package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.vfs.VfsProviders;
import ferry.vfs.sftp.SftpTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** One firing of a pull job from a real SFTP server, with the server's /api faked. */
class JobRunnerTest {
  @RegisterExtension static final SftpTestServer SFTP = new SftpTestServer();

  @TempDir Path dataDir;
  @TempDir Path localDir;
  FakeFerry server;
  Outbox outbox;
  JobRunner runner;

  @BeforeEach
  void start() throws Exception {
    server = new FakeFerry();
    server.answer(r -> r.path().endsWith("/endpoint") ? FakeFerry.Answer.ok(endpoint()) : FakeFerry.Answer.status(201));
    ServerApi api = new ServerApi(server.uri(), null, () -> "mft_ak_test");
    outbox = new Outbox(dataDir.resolve("outbox"), api, OutboxTest.FAST);
    outbox.start();
    runner = new JobRunner(api, new Reports(outbox), new RunLedger(dataDir.resolve("inflight")),
        VfsProviders.discover(getClass().getClassLoader()), new FileTransfer(OutboxTest.FAST, 3), OutboxTest.FAST);
  }

  @AfterEach
  void stop() throws Exception {
    outbox.close();
    server.close();
  }

  String endpoint() {
    return """
        {"name":"partner","filesystem":{"provider":5,"sftpconfig":{"endpoint":"127.0.0.1:%d","username":"%s",
         "password":{"status":"Plain","payload":"%s"},"fingerprints":["%s"]}}}"""
        .formatted(SFTP.port(), SftpTestServer.USER, SftpTestServer.PASSWORD, SFTP.fingerprint());
  }

  JobSpec job(String remote) {
    return new JobSpec("job-1", "nightly", "* * * * *", "UTC", remote, localDir.toString(), "pull", "sftp", true);
  }

  @Test
  void aPullRunReportsTheRunEachTransferWithProgressAndSha256AndClosesTheRun() throws Exception {
    byte[] data = new byte[2_000_000];
    new Random(1).nextBytes(data);
    Files.createDirectories(SFTP.root().resolve("out"));
    Files.write(SFTP.root().resolve("out/a.bin"), data);
    Files.writeString(SFTP.root().resolve("out/b.txt"), "hello");

    runner.run(job("partner:/out"), Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(Files.readAllBytes(localDir.resolve("a.bin"))).isEqualTo(data);
    assertThat(Files.readString(localDir.resolve("b.txt"))).isEqualTo("hello");
    List<FakeFerry.Request> reports = server.requests().stream().filter(r -> !r.path().endsWith("/endpoint")).toList();
    FakeFerry.Request runPost = reports.get(0);
    assertThat(runPost.method() + " " + runPost.path()).isEqualTo("POST /api/jobs/job-1/runs");
    String runId = runPost.body().get("id").asText();
    assertThat(runPost.body().get("scheduledAt").asText()).isEqualTo("2026-01-01T00:00:00Z");

    List<FakeFerry.Request> created = server.requests("POST", "/api/transfers");
    assertThat(created).hasSize(2);
    JsonNode a = created.stream().map(FakeFerry.Request::body).filter(b -> b.get("sourceUrl").asText().endsWith("/out/a.bin")).findFirst().orElseThrow();
    assertThat(a.get("sourceUrl").asText()).isEqualTo("sftp://127.0.0.1:" + SFTP.port() + "/out/a.bin");
    assertThat(a.get("destinationPath").asText()).isEqualTo(localDir.resolve("a.bin").toString());
    assertThat(a.get("direction").asText()).isEqualTo("pull");
    assertThat(a.get("protocol").asText()).isEqualTo("sftp");
    assertThat(a.get("size").asLong()).isEqualTo(data.length);
    assertThat(a.get("jobId").asText()).isEqualTo("job-1");
    assertThat(a.get("runId").asText()).isEqualTo(runId);

    String aId = a.get("id").asText();
    List<JsonNode> patches = server.requests("PATCH", "/api/transfers/" + aId).stream().map(FakeFerry.Request::body).toList();
    assertThat(patches.get(0).get("status").asText()).isEqualTo("running");
    assertThat(patches.stream().map(p -> p.get("bytesTransferred").asLong()).toList()).isSorted();
    assertThat(patches.stream().filter(p -> p.get("status").asText().equals("running")).map(p -> p.get("progress").asInt()))
        .contains(0).allMatch(p -> p >= 0 && p <= 100);
    JsonNode last = patches.get(patches.size() - 1);
    assertThat(last.get("status").asText()).isEqualTo("completed");
    assertThat(last.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    assertThat(last.get("bytesTransferred").asLong()).isEqualTo(data.length);

    FakeFerry.Request close = reports.get(reports.size() - 1);
    assertThat(close.method() + " " + close.path()).isEqualTo("PATCH /api/jobs/job-1/runs/" + runId);
    assertThat(close.body().get("status").asText()).isEqualTo("completed");
    assertThat(close.body().get("files").asInt()).isEqualTo(2);
    assertThat(close.body().get("bytes").asLong()).isEqualTo(data.length + 5);
    assertThat(close.body().get("transferIds")).hasSize(2);
    try (var s = Files.list(dataDir.resolve("inflight"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aStopMidTransferReportsTheTransferAndTheRunFailedAndLeavesNoPartFile() throws Exception {
    Files.createDirectories(SFTP.root().resolve("slow"));
    Files.write(SFTP.root().resolve("slow/big.bin"), new byte[4_000_000]);
    JobRunner slow = new JobRunner(new ServerApi(server.uri(), null, () -> "k"), new Reports(outbox),
        new RunLedger(dataDir.resolve("inflight")), VfsProviders.discover(getClass().getClassLoader()),
        new FileTransfer(OutboxTest.FAST, 3, 1_000_000), OutboxTest.FAST); // 4 s at 1 MB/s
    Thread t = Thread.ofPlatform().start(() -> {
      try {
        slow.run(job("partner:/slow/big.bin"), null);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    FakeFerry.await(() -> server.requests("PATCH", "/api/transfers/").size() >= 2, Duration.ofSeconds(20), "progress");
    t.interrupt();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
    List<FakeFerry.Request> patches = server.requests("PATCH", "/api/transfers/");
    assertThat(patches.get(patches.size() - 1).body().get("status").asText()).isEqualTo("failed");
    assertThat(patches.get(patches.size() - 1).body().get("error").asText()).contains("stopped");
    JsonNode close = server.requests("PATCH", "/api/jobs/job-1/runs/").get(0).body();
    assertThat(close.get("status").asText()).isEqualTo("failed");
    assertThat(localDir.resolve(".big.bin.ferry-part")).doesNotExist();
    assertThat(localDir.resolve("big.bin")).doesNotExist();
    try (var s = Files.list(dataDir.resolve("inflight"))) {
      assertThat(s.toList()).isEmpty();
    }
  }

  @Test
  void aMissingRemoteFileFailsTheRunWithTheReason() throws Exception {
    runner.run(job("partner:/nope.bin"), null);
    assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
    FakeFerry.Request close = server.requests("PATCH", "/api/jobs/job-1/runs/").get(0);
    assertThat(close.body().get("status").asText()).isEqualTo("failed");
    assertThat(close.body().get("error").asText()).contains("nope.bin");
    assertThat(close.body().get("files").asInt()).isZero();
  }

  @Test
  void aRunCutShortByACrashIsReportedFailedAtTheNextStart() throws Exception {
    RunLedger ledger = new RunLedger(dataDir.resolve("inflight"));
    Path part = localDir.resolve(".x.bin.ferry-part");
    Files.writeString(part, "half");
    ledger.save(new RunLedger.Entry("job-1", "run-9", 10, 1, List.of("t1", "t2"), null, null).withOpen("t2", part.toString()));
    ledger.recover(new Reports(outbox));
    assertThat(outbox.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.requests("PATCH", "/api/transfers/t2").get(0).body().get("status").asText()).isEqualTo("failed");
    JsonNode close = server.requests("PATCH", "/api/jobs/job-1/runs/run-9").get(0).body();
    assertThat(close.get("status").asText()).isEqualTo("failed");
    assertThat(close.get("transferIds")).hasSize(2);
    assertThat(part).doesNotExist();
  }
}
