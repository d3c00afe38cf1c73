package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.MemoryVfs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 (claim, transfer, report) runs verbatim against a VFS Library of memory file systems.
 */
class SeedScriptTest {
  private static ScriptEngine engine;
  private static String seed;
  private FakeHttpServer orchestrator;

  @BeforeAll
  static void start() throws IOException {
    engine = new ScriptEngine(ScriptConfig.defaults());
    try (InputStream in =
        SeedScriptTest.class.getResourceAsStream("/seeds/002-claim-transfer-report.js")) {
      seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @BeforeEach
  void startOrchestrator() throws IOException {
    orchestrator = FakeHttpServer.http();
    orchestrator.route(
        "/api/jobs/abc-123/claim",
        200,
        """
        {"sourceVfs":"inbox","destVfs":"archive","sourcePath":"/in/data.csv","destDir":"/2026/"}\
        """);
    orchestrator.route("/api/jobs/abc-123/report", 204, "");
  }

  @AfterEach
  void stopOrchestrator() {
    orchestrator.close();
  }

  @Test
  void seedClaimsCopiesTheFileReportsCompletedAndExitsZero() {
    MemoryVfs inbox = new MemoryVfs();
    MemoryVfs archive = new MemoryVfs();
    VfsFiles.put(inbox, "/in/data.csv", "id,amount\n1,9.50\n");
    RecordingHost host = secrets().vfs("inbox", inbox).vfs("archive", archive);

    ScriptOutcome outcome = runSeed(Map.of("job_id", "abc-123"), host);

    assertThat(outcome).isEqualTo(new ScriptOutcome(ScriptOutcome.Status.COMPLETED, 0, null));
    assertThat(host.lines())
        .containsExactly(
            new RecordingHost.Line(
                LogLevel.INFO, "transfer complete: /in/data.csv -> archive/2026/"));
    assertThat(VfsFiles.text(archive, "/2026/data.csv")).isEqualTo("id,amount\n1,9.50\n");
    assertThat(host.transfers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.ok()).isTrue();
              assertThat(t.srcVfs() + t.srcPath()).isEqualTo("inbox/in/data.csv");
              assertThat(t.dstVfs() + t.dstPath()).isEqualTo("archive/2026/data.csv");
              assertThat(t.sha256()).isEqualTo(VfsFiles.sha256("id,amount\n1,9.50\n"));
            });
    assertThat(orchestrator.requests()).hasSize(2);
    assertClaimAndReport("completed");
  }

  @Test
  void seedReportsFailedAndExitsOneWhenTheSourceFileIsMissing() {
    MemoryVfs archive = new MemoryVfs();
    RecordingHost host = secrets().vfs("inbox", new MemoryVfs()).vfs("archive", archive);

    ScriptOutcome outcome = runSeed(Map.of("job_id", "abc-123"), host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(host.lines())
        .containsExactly(
            new RecordingHost.Line(
                LogLevel.ERROR, "transfer failed: inbox: /in/data.csv: no such file"));
    assertThat(host.transfers()).isEmpty();
    assertThat(VfsFiles.tree(archive, "/")).isEmpty();
    assertClaimAndReport("failed");
  }

  @Test
  void seedReportsFailedAndExitsOneWhenAVfsIsNotInTheLibrary() {
    RecordingHost host = secrets().vfs("archive", new MemoryVfs());

    ScriptOutcome outcome = runSeed(Map.of("job_id", "abc-123"), host);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(host.lines())
        .containsExactly(
            new RecordingHost.Line(
                LogLevel.ERROR, "transfer failed: inbox: no VFS named 'inbox' in the VFS Library"));
    assertClaimAndReport("failed");
  }

  private void assertClaimAndReport(String status) {
    assertThat(orchestrator.requests()).hasSize(2);
    FakeHttpServer.Request claim = orchestrator.requests().get(0);
    assertThat(claim.method()).isEqualTo("POST");
    assertThat(claim.path()).isEqualTo("/api/jobs/abc-123/claim");
    assertThat(claim.headers()).containsEntry("authorization", "Bearer t0ken");
    FakeHttpServer.Request report = orchestrator.requests().get(1);
    assertThat(report.path()).isEqualTo("/api/jobs/abc-123/report");
    assertThat(report.headers())
        .containsEntry("authorization", "Bearer t0ken")
        .containsEntry("content-type", "application/json");
    assertThat(report.body())
        .isEqualTo("{\"jobId\":\"abc-123\",\"status\":\"" + status + "\",\"agent\":\"aft\"}");
  }

  @Test
  void seedWithoutJobIdExitsOneBeforeCallingTheApi() {
    RecordingHost host = secrets();

    ScriptOutcome outcome = runSeed(Map.of(), host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(host.messages()).containsExactly("job_id parameter is required");
    assertThat(orchestrator.requests()).isEmpty();
  }

  @Test
  void seedExitsOneWhenTheClaimIsRefused() {
    orchestrator.route("/api/jobs/abc-123/claim", 409, "{\"error\":\"taken\"}");
    RecordingHost host = secrets();

    ScriptOutcome outcome = runSeed(Map.of("job_id", "abc-123"), host);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(host.messages()).containsExactly("claim failed: HTTP 409");
    assertThat(orchestrator.requests()).hasSize(1);
  }

  private RecordingHost secrets() {
    return new RecordingHost(
        Map.of("orch-api-url", orchestrator.url("/api"), "orch-api-token", "t0ken"));
  }

  private static ScriptOutcome runSeed(Map<String, String> params, RecordingHost host) {
    return engine.run(
        new ScriptRun(
            "002-claim-transfer-report",
            seed,
            params,
            host,
            Duration.ofSeconds(30),
            new CancelSignal()));
  }
}
