package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunLimitsTest {
  /**
   * Far below what the cancelled calls would take (a 10-minute sleep, a 60-second response), so a
   * pass proves the cancel cut them short; not a speed target, which a loaded machine would miss.
   */
  private static final Duration CANCEL_WITHIN = Duration.ofSeconds(15);

  private static ScriptEngine engine;
  private static ExecutorService workers;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(Scripts.config(100, 64, ScriptConfig.DEFAULT_MAX_HTTP_BODY_BYTES));
    workers = Executors.newCachedThreadPool();
    // The first context of an engine is slow (seconds on a loaded machine); keep it out of timings.
    Scripts.run(engine, "1+1", new RecordingHost());
  }

  @AfterAll
  static void stopEngine() {
    workers.shutdownNow();
    engine.close();
  }

  @Test
  void cancelStopsAnEndlessLoop() throws Exception {
    assertCancelledPromptly("Log('started'); while (true) {}");
  }

  @Test
  void cancelCutsASleepShort() throws Exception {
    assertCancelledPromptly("Log('started'); Sleep(600000); Log('woke')");
  }

  @Test
  void cancelCutsAnHttpCallShort() throws Exception {
    try (FakeHttpServer server = FakeHttpServer.http()) {
      server.route(
          "/slow", new FakeHttpServer.Route(200, "late", Map.of(), Duration.ofSeconds(60)));
      assertCancelledPromptly(
          "Log('started'); var r = HttpCli().Url('" + server.url("/slow") + "').Get(); Log('got')");
    }
  }

  @Test
  void cancelBeforeStartDoesNotRunTheScript() {
    RecordingHost host = new RecordingHost();
    CancelSignal cancel = new CancelSignal();
    cancel.cancel();

    ScriptOutcome outcome =
        engine.run(new ScriptRun("c.js", "Log('ran')", Map.of(), host, Duration.ZERO, cancel));

    assertThat(outcome)
        .isEqualTo(new ScriptOutcome(ScriptOutcome.Status.CANCELLED, 1, "script cancelled"));
    assertThat(host.messages()).containsExactly("script cancelled");
  }

  @Test
  void timeLimitStopsAnEndlessLoopAndSaysSo() {
    RecordingHost host = new RecordingHost();
    long start = System.nanoTime();

    ScriptOutcome outcome =
        engine.run(
            new ScriptRun(
                "loop.js",
                "while (true) {}",
                Map.of(),
                host,
                Duration.ofMillis(500),
                new CancelSignal()));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.TIMED_OUT);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.error()).contains("time limit of 500 ms exceeded");
    assertThat(host.lines())
        .containsExactly(new RecordingHost.Line(LogLevel.ERROR, outcome.error()));
  }

  @Test
  void interruptOfTheRunThreadCancelsTheScriptAndKeepsTheFlag() throws Exception {
    RecordingHost host = new RecordingHost();
    Thread[] runner = new Thread[1];
    CompletableFuture<Boolean> flagAfterRun = new CompletableFuture<>();
    CompletableFuture<ScriptOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              runner[0] = Thread.currentThread();
              ScriptOutcome result =
                  engine.run(
                      new ScriptRun(
                          "s.js",
                          "Log('started'); Sleep(600000)",
                          Map.of(),
                          host,
                          Duration.ZERO,
                          new CancelSignal()));
              flagAfterRun.complete(Thread.interrupted());
              return result;
            },
            workers);
    host.awaitLine("started", Duration.ofSeconds(30));

    runner[0].interrupt();

    assertThat(outcome.get(5, TimeUnit.SECONDS).status()).isEqualTo(ScriptOutcome.Status.CANCELLED);
    assertThat(flagAfterRun.get()).isTrue();
  }

  @Test
  void logFloodIsCappedWithOneNoteThatCountsTheDroppedLines() {
    RecordingHost host = new RecordingHost();

    ScriptOutcome outcome =
        Scripts.run(engine, "for (var i = 0; i < 5000; i++) { Log.Info('line ' + i); }", host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).hasSize(101);
    assertThat(host.messages().get(99)).isEqualTo("line 99");
    assertThat(host.messages().get(100))
        .isEqualTo("log truncated: further lines dropped (4900 lines over the limit of 100)");
  }

  @Test
  void theFinalErrorIsLoggedEvenAfterTheCap() {
    RecordingHost host = new RecordingHost();

    ScriptOutcome outcome =
        Scripts.run(engine, "for (var i = 0; i < 500; i++) { console.log(i); } null.x;", host);

    assertThat(host.messages()).hasSize(102);
    assertThat(host.messages().get(100)).startsWith(RunLog.TRUNCATION_NOTE);
    assertThat(host.lines().get(101))
        .isEqualTo(new RecordingHost.Line(LogLevel.ERROR, outcome.error()));
  }

  @Test
  void longLinesAreCut() {
    RecordingHost host = new RecordingHost();

    Scripts.run(engine, "Log.Info('x'.repeat(10000)); console.log('y'.repeat(10000))", host);

    assertThat(host.messages())
        .containsExactly(
            "x".repeat(64) + "... [line cut at 64 characters]",
            "y".repeat(64) + "... [line cut at 64 characters]");
  }

  @Test
  void aTrivialRunCostsAboutAsMuchAsABareContextOnASharedEngine() {
    ScriptRun trivial =
        new ScriptRun(
            "t.js", "1+1", Map.of(), new RecordingHost(), Duration.ZERO, new CancelSignal());
    double ours = 0;
    double bare = 0;
    try (Engine shared =
        Engine.newBuilder("js")
            .out(OutputStream.nullOutputStream())
            .err(OutputStream.nullOutputStream())
            .option("engine.WarnInterpreterOnly", "false")
            .build()) {
      Source source = Source.create("js", "1+1");
      Runnable bareRun =
          () -> {
            try (Context context = Context.newBuilder("js").engine(shared).build()) {
              context.eval(source);
            }
          };
      Runnable ourRun = () -> engine.run(trivial);
      timePerRun(bareRun, 50);
      timePerRun(ourRun, 50);
      // Interleaved rounds, so that load from other builds hits both alike.
      for (int round = 0; round < 4; round++) {
        bare += timePerRun(bareRun, 50) / 4;
        ours += timePerRun(ourRun, 50) / 4;
      }
    }

    System.out.printf(
        "Trivial run (cold JIT, -ea): ScriptEngine.run %.2f ms, bare context %.2f ms%n",
        ours, bare);
    // An Engine per run would cost about ten bare contexts.
    assertThat(ours).isLessThan(3 * bare + 1);
  }

  private static double timePerRun(Runnable run, int times) {
    long start = System.nanoTime();
    for (int i = 0; i < times; i++) {
      run.run();
    }
    return (System.nanoTime() - start) / 1e6 / times;
  }

  private void assertCancelledPromptly(String source) throws Exception {
    RecordingHost host = new RecordingHost();
    CancelSignal cancel = new CancelSignal();
    CompletableFuture<ScriptOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> engine.run(new ScriptRun("c.js", source, Map.of(), host, Duration.ZERO, cancel)),
            workers);
    host.awaitLine("started", Duration.ofSeconds(30));

    long start = System.nanoTime();
    cancel.cancel();
    ScriptOutcome result = outcome.get(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(CANCEL_WITHIN);
    assertThat(result)
        .isEqualTo(new ScriptOutcome(ScriptOutcome.Status.CANCELLED, 1, "script cancelled"));
    assertThat(host.messages()).containsExactly("started", "script cancelled");
    assertThat(cancel.isCancelled()).isTrue();
  }
}
