package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 21: a script that allocates without limit is cancelled before it hurts other runs.
 * The tests use a small per-run limit instead of filling the test JVM's heap.
 */
class MemoryLimitTest {
  private static final long LIMIT = ScriptConfig.MIN_RUN_MEMORY_LIMIT;
  // Keeps about 160 MB (400 arrays of 100,000 numbers) unless stopped first; bounded, so that even
  // an engine without a limit ends it.
  private static final String HOARDER =
      """
      Log('hoarding');
      var kept = [];
      for (var i = 0; i < 400; i++) kept.push(new Array(100000).fill(i));
      Log('finished with ' + kept.length);
      """;

  private static ScriptEngine engine;
  private static ExecutorService workers;

  @BeforeAll
  static void startEngine() {
    engine =
        new ScriptEngine(
            Scripts.config(100, 4096, ScriptConfig.DEFAULT_MAX_HTTP_BODY_BYTES)
                .withRunMemoryLimit(LIMIT));
    workers = Executors.newCachedThreadPool();
    // The first run on an engine allocates tens of MiB to set it up; later ones far less.
    Scripts.run(engine, "1+1", new RecordingHost());
  }

  @AfterAll
  static void stopEngine() {
    workers.shutdownNow();
    engine.close();
  }

  @Test
  void aRunOverItsMemoryLimitFailsWhileASmallRunBesideItCompletes() throws Exception {
    RecordingHost smallHost = new RecordingHost();
    CompletableFuture<ScriptOutcome> small =
        CompletableFuture.supplyAsync(
            () ->
                Scripts.run(
                    engine,
                    "Log('small started'); Sleep(1500); Log('small done ' + [1, 2, 3].length)",
                    smallHost),
            workers);
    smallHost.awaitLine("small started", Duration.ofSeconds(30));
    RecordingHost hoarderHost = new RecordingHost();

    ScriptOutcome hoarder = Scripts.run(engine, HOARDER, Map.of(), hoarderHost);

    assertThat(hoarder.status())
        .as(hoarderHost.messages().toString())
        .isEqualTo(ScriptOutcome.Status.FAILED);
    assertThat(hoarder.exitCode()).isEqualTo(1);
    assertThat(hoarder.error()).startsWith("cancelled: the script used too much memory (");
    assertThat(hoarderHost.messages())
        .contains(hoarder.error())
        .noneMatch(m -> m.startsWith("finished"));
    assertThat(small.get(30, TimeUnit.SECONDS).status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(smallHost.messages()).contains("small done 3");
  }

  @Test
  void underHeapPressureTheRunThatAllocatesFastestIsStoppedAndTheOthersGoOn() throws Exception {
    AtomicReference<Double> heapAfterGc = new AtomicReference<>(0.0);
    AtomicLong collections = new AtomicLong();
    MemoryGuard.Heap heap =
        () -> new MemoryGuard.Heap.Reading(heapAfterGc.get(), collections.incrementAndGet());
    try (ScriptEngine pressured = new ScriptEngine(ScriptConfig.defaults(), heap)) {
      Scripts.run(pressured, "1+1", new RecordingHost());
      RecordingHost quietHost = new RecordingHost();
      CompletableFuture<ScriptOutcome> quiet =
          CompletableFuture.supplyAsync(
              () ->
                  Scripts.run(
                      pressured, "Log('quiet started'); Sleep(3000); Log('quiet done')", quietHost),
              workers);
      RecordingHost busyHost = new RecordingHost();
      CompletableFuture<ScriptOutcome> busy =
          CompletableFuture.supplyAsync(
              () ->
                  Scripts.run(
                      pressured,
                      "Log('busy started'); var end = Date.now() + 20000;"
                          + " while (Date.now() < end) new Array(10000).fill(1);",
                      busyHost),
              workers);
      quietHost.awaitLine("quiet started", Duration.ofSeconds(30));
      busyHost.awaitLine("busy started", Duration.ofSeconds(30));

      heapAfterGc.set(0.99);
      ScriptOutcome stopped = busy.get(10, TimeUnit.SECONDS);
      heapAfterGc.set(0.0);

      assertThat(stopped.status()).isEqualTo(ScriptOutcome.Status.FAILED);
      assertThat(stopped.error()).startsWith("cancelled: the script used too much memory (");
      assertThat(quiet.get(30, TimeUnit.SECONDS).status())
          .isEqualTo(ScriptOutcome.Status.COMPLETED);
      assertThat(quietHost.messages()).contains("quiet done");
    }
  }
}
