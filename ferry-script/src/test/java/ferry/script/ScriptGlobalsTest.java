package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScriptGlobalsTest {
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
  void paramsAndItsAliasParamReturnTriggerTimeValues() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        Scripts.run(
            engine,
            "Log.Info(Params('job_id') + '|' + Param('job_id') + '|' + typeof Params('job_id'))",
            Map.of("job_id", "abc-123"),
            host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).containsExactly("abc-123|abc-123|string");
  }

  @Test
  void missingParamIsEmptyStringAndFalsy() {
    RecordingHost host = new RecordingHost();
    Scripts.run(
        engine,
        "var v = Params('nope'); Log.Info(JSON.stringify(v) + ' ' + (!v) + ' ' +"
            + " JSON.stringify(Param()))",
        Map.of("job_id", "x"),
        host);

    assertThat(host.messages()).containsExactly("\"\" true \"\"");
  }

  @Test
  void getSecretReturnsTheValueOrEmptyString() {
    RecordingHost host = new RecordingHost(Map.of("orch-api-token", "s3cr3t"));
    Scripts.run(
        engine,
        "Log.Info((GetSecret('orch-api-token') === 's3cr3t') + '|'"
            + " + JSON.stringify(GetSecret('missing')))",
        host);

    assertThat(host.messages()).containsExactly("true|\"\"");
  }

  @Test
  void logMembersUseTheirLevelAndPlainLogIsInfo() {
    RecordingHost host = new RecordingHost();
    Scripts.run(
        engine,
        "Log.Debug('d'); Log.Info('i'); Log.Warn('w'); Log.Error('e'); Log('plain');",
        host);

    assertThat(host.lines())
        .containsExactly(
            new RecordingHost.Line(LogLevel.DEBUG, "d"),
            new RecordingHost.Line(LogLevel.INFO, "i"),
            new RecordingHost.Line(LogLevel.WARN, "w"),
            new RecordingHost.Line(LogLevel.ERROR, "e"),
            new RecordingHost.Line(LogLevel.INFO, "plain"));
  }

  @Test
  void logJoinsArgumentsAndShowsNonStrings() {
    RecordingHost host = new RecordingHost();
    Scripts.run(engine, "Log.Info('n', 42, true, undefined, null)", host);

    assertThat(host.messages()).containsExactly("n 42 true undefined null");
  }

  @Test
  void consoleOutputGoesToTheJobLogAndNotToStandardOut() {
    RecordingHost host = new RecordingHost();
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    try {
      Scripts.run(
          engine, "console.log('to log'); console.error('to error'); print('printed')", host);
    } finally {
      System.setOut(original);
    }

    assertThat(host.lines())
        .containsExactly(
            new RecordingHost.Line(LogLevel.INFO, "to log"),
            new RecordingHost.Line(LogLevel.ERROR, "to error"),
            new RecordingHost.Line(LogLevel.INFO, "printed"));
    assertThat(captured.toString()).doesNotContain("to log", "printed");
  }

  @Test
  void exitZeroCompletesTheRun() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome = Scripts.run(engine, "Log('before'); Exit(0); Log('after')", host);

    assertThat(outcome).isEqualTo(new ScriptOutcome(ScriptOutcome.Status.COMPLETED, 0, null));
    assertThat(host.messages()).containsExactly("before");
  }

  @Test
  void exitWithoutArgumentIsZero() {
    ScriptOutcome outcome = Scripts.run(engine, "Exit()", new RecordingHost());

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
  }

  @Test
  void exitNonZeroFailsTheRunWithThatCode() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome = Scripts.run(engine, "Exit(3); Log('after')", host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.error()).contains("Exit(3)");
    assertThat(host.messages()).isEmpty();
  }

  @Test
  void exitInsideTryCatchFinallyEndsTheScriptAtOnce() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome outcome =
        Scripts.run(
            engine,
            """
            try {
              try { Exit(4); }
              catch (e) { Log('inner catch ' + e); }
              finally { Log('inner finally'); }
              Log('after inner');
            } catch (e) {
              Log('outer catch ' + e);
            } finally {
              Log('outer finally');
            }
            Log('end');
            """,
            host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(outcome.exitCode()).isEqualTo(4);
    assertThat(host.messages()).isEmpty();
  }

  @Test
  void sleepPausesTheScript() {
    RecordingHost host = new RecordingHost();
    long start = System.nanoTime();
    ScriptOutcome outcome =
        Scripts.run(engine, "Sleep(300); Sleep(0); Sleep(-5); Log('woke')", host);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
    assertThat(host.messages()).containsExactly("woke");
  }

  @Test
  void httpCliWorksWithAndWithoutNew() {
    RecordingHost host = new RecordingHost();
    Scripts.run(
        engine,
        """
        var a = HttpCli(); var b = new HttpCli();
        Log(typeof a, typeof b, typeof a.Url, typeof b.Get, a.Url('http://x') === a, a === b);
        """,
        host);

    assertThat(host.messages()).containsExactly("object object function function true false");
  }

  @Test
  void topLevelLetAndConstDoNotLeakIntoTheNextRun() {
    RecordingHost host = new RecordingHost();
    String source =
        "let counter = 1; const fixed = 2; var seen = typeof leaked; Log(seen); var leaked = 1;";

    ScriptOutcome first = Scripts.run(engine, source, host);
    ScriptOutcome second = Scripts.run(engine, source, host);

    assertThat(first.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(second.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).containsExactly("undefined", "undefined");
  }

  @Test
  void apiObjectsCannotBeChangedByTheScript() {
    RecordingHost host = new RecordingHost();
    ScriptOutcome sloppy =
        Scripts.run(engine, "Log.Info = function () {}; delete Log.Warn; Log.Info('still')", host);
    ScriptOutcome strict =
        Scripts.run(engine, "'use strict'; Log.Info = function () {};", new RecordingHost());

    assertThat(sloppy.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).containsExactly("still");
    assertThat(strict.status()).isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(strict.error()).startsWith("TypeError");
  }

  @Test
  void parallelRunsOnTheSharedEngineAreIsolated() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "run-" + i;
        results.add(
            threads.submit(
                () -> {
                  RecordingHost host = new RecordingHost();
                  Scripts.run(
                      engine,
                      "let mine = Params('id'); globalThis.shared = mine; Sleep(50); Log(mine,"
                          + " shared)",
                      Map.of("id", id),
                      host);
                  return host.messages();
                }));
      }
      for (int i = 0; i < 8; i++) {
        assertThat(results.get(i).get(10, TimeUnit.SECONDS))
            .containsExactly("run-" + i + " run-" + i);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
