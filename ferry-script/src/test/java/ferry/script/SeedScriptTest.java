package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Seed 002 (claim, transfer, report) runs verbatim; VirtualFSByName does not exist yet. */
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
  void seedClaimsFailsTheTransferReportsFailedAndExitsOne() {
    RecordingHost host = secrets();

    ScriptOutcome outcome = runSeed(Map.of("job_id", "abc-123"), host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(host.lines())
        .containsExactly(
            new RecordingHost.Line(
                LogLevel.ERROR,
                "transfer exception: ReferenceError: VirtualFSByName is not defined"));
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
        .isEqualTo("{\"jobId\":\"abc-123\",\"status\":\"failed\",\"agent\":\"aft\"}");
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
