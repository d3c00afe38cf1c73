package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScriptErrorsTest {
  private static ScriptEngine engine;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(ScriptConfig.defaults());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @Test
  void checkReportsLineAndColumnOfTheFirstSyntaxError() {
    assertThat(engine.check("job.js", "var a = 1;\nvar b = ;\n"))
        .contains(new SyntaxProblem(2, 9, "Expected an operand but found ;"));
  }

  @Test
  void checkParsesWithoutRunning() {
    RecordingHost host = new RecordingHost();

    assertThat(engine.check("ok.js", "Log('ran'); Exit(3); while (true) {}")).isEmpty();
    assertThat(host.messages()).isEmpty();
  }

  @Test
  void runOfScriptWithSyntaxErrorFailsWithLocationInOutcomeAndLog() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        engine.run(
            new ScriptRun(
                "broken.js",
                "Log('never');\nif (x {\n}",
                Map.of(),
                host,
                Duration.ZERO,
                new CancelSignal()));

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.error()).startsWith("SyntaxError: ").endsWith("(at broken.js:2:7)");
    assertThat(host.lines())
        .containsExactly(new RecordingHost.Line(LogLevel.ERROR, outcome.error()));
  }

  @Test
  void uncaughtErrorFailsWithScriptNameLineAndColumn() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        engine.run(
            new ScriptRun(
                "job.js",
                "var a = null;\n  a.field;\n",
                Map.of(),
                host,
                Duration.ZERO,
                new CancelSignal()));

    assertThat(outcome)
        .isEqualTo(
            new ScriptOutcome(
                ScriptOutcome.Status.FAILED,
                1,
                "TypeError: Cannot read property 'field' of null (at job.js:2:3)"));
    assertThat(host.lines())
        .containsExactly(new RecordingHost.Line(LogLevel.ERROR, outcome.error()));
  }

  @Test
  void errorThrownInANestedFunctionLogsTheScriptStack() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        Scripts.run(
            engine,
            "function inner() {\n"
                + "  throw new Error('boom');\n"
                + "}\n"
                + "function outer() { inner(); }\n"
                + "outer();\n",
            host);

    assertThat(outcome.error()).isEqualTo("Error: boom (at test.js:2:9)");
    assertThat(host.messages()).hasSize(1);
    assertThat(host.messages().getFirst())
        .startsWith(outcome.error())
        .contains("at inner (test.js:2:9)", "at outer (test.js:4:20)", "at <script> (test.js:5:1)");
  }

  @Test
  void thrownNonErrorValueFailsTheRun() {
    ScriptOutcome outcome = Scripts.run(engine, "throw 'plain text';", new RecordingHost());

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.error()).contains("plain text").contains("test.js:1:1");
  }

  @Test
  void caughtErrorsLeaveTheRunCompleted() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        Scripts.run(engine, "try { null.x } catch (e) { Log.Warn('caught ' + e.name) }", host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).containsExactly("caught TypeError");
  }
}
