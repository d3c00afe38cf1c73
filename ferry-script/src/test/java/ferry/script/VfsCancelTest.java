package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.LocalVfs;
import ferry.vfs.MemoryVfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancel or time limit stops VFS work promptly, even when a backend hangs. */
class VfsCancelTest {
  private static final Duration CANCEL_WITHIN = Duration.ofSeconds(1);
  private static final int BIG = 8 * 1024 * 1024;
  private static final String COPY =
      """
      var src = VirtualFSByName('inbox'), dst = VirtualFSByName('archive');
      Log('started');
      var r = src.CopyToVFS('/big.bin', dst, '/');
      Log('copied: ' + r.Ok());
      """;

  private static ScriptEngine engine;
  private static ExecutorService workers;
  @TempDir Path target;
  private TestVfs inbox;
  private RecordingHost host;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(ScriptConfig.defaults());
    workers = Executors.newCachedThreadPool();
    Scripts.run(engine, "1+1", new RecordingHost());
  }

  @AfterAll
  static void stopEngine() {
    workers.shutdownNow();
    engine.close();
  }

  @BeforeEach
  void library() throws IOException {
    MemoryVfs memory = new MemoryVfs();
    VfsFiles.put(memory, "/big.bin", new byte[BIG]);
    // 128 reads of 64 KiB, 50 ms each: the copy alone would take over 6 seconds.
    inbox = new TestVfs(memory).slowReads(64 * 1024, Duration.ofMillis(50));
    host = new RecordingHost().vfs("inbox", inbox).vfs("archive", new LocalVfs(target));
  }

  private CompletableFuture<ScriptOutcome> start(String source, Duration limit, CancelSignal c) {
    return CompletableFuture.supplyAsync(
        () -> engine.run(new ScriptRun("copy.js", source, Map.of(), host, limit, c)), workers);
  }

  @Test
  void cancelDuringALargeCopyEndsWithinOneSecondAndLeavesNoPartialFile() throws Exception {
    CancelSignal cancel = new CancelSignal();
    CompletableFuture<ScriptOutcome> outcome = start(COPY, Duration.ZERO, cancel);
    inbox.awaitReading(Duration.ofSeconds(30));

    long start = System.nanoTime();
    cancel.cancel();
    ScriptOutcome result = outcome.get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(CANCEL_WITHIN);
    assertThat(result.status()).isEqualTo(ScriptOutcome.Status.CANCELLED);
    assertThat(host.messages()).containsExactly("started", "script cancelled");
    assertThat(leftIn(target)).isEmpty();
    assertThat(inbox.isClosed()).isTrue();
    assertThat(host.transfers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.ok()).isFalse();
              assertThat(t.bytes()).isLessThan(BIG);
              assertThat(t.error()).isEqualTo("inbox: /big.bin: cancelled: the script was stopped");
            });
  }

  @Test
  void theTimeLimitStopsALargeCopy() throws Exception {
    long start = System.nanoTime();
    ScriptOutcome result =
        start(COPY, Duration.ofMillis(700), new CancelSignal()).get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.status()).isEqualTo(ScriptOutcome.Status.TIMED_OUT);
    assertThat(took).isLessThan(Duration.ofMillis(700).plus(CANCEL_WITHIN));
    assertThat(leftIn(target)).isEmpty();
  }

  @Test
  void cancelDuringATreeCopyStopsBetweenFiles() throws Exception {
    MemoryVfs memory = new MemoryVfs();
    for (int i = 0; i < 100; i++) {
      VfsFiles.put(memory, "/tree/f" + i + ".txt", "file " + i);
    }
    TestVfs slow = new TestVfs(memory).slowReads(1024, Duration.ofMillis(40));
    host.vfs("inbox", slow);
    CancelSignal cancel = new CancelSignal();
    CompletableFuture<ScriptOutcome> outcome =
        start(COPY.replace("/big.bin", "/tree"), Duration.ZERO, cancel);
    host.awaitTransfers(2, Duration.ofSeconds(30));

    long start = System.nanoTime();
    cancel.cancel();
    ScriptOutcome result = outcome.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CANCEL_WITHIN);
    assertThat(result.status()).isEqualTo(ScriptOutcome.Status.CANCELLED);
    List<TransferRecord> records = host.transfers();
    assertThat(records.size()).isBetween(1, 99);
    // Only the file in progress can have failed; the cancel may also fall between two files.
    assertThat(records.subList(0, records.size() - 1)).allMatch(TransferRecord::ok);
    long copied = records.stream().filter(TransferRecord::ok).count();
    try (var files = Files.list(target.resolve("tree"))) {
      assertThat(files.count()).isEqualTo(copied);
    }
  }

  @Test
  void aHangingBackendHoldsNeitherTheCancelledRunNorTheWatchdog() throws Exception {
    inbox.stuckReads();
    CancelSignal cancel = new CancelSignal();
    CompletableFuture<ScriptOutcome> stuck = start(COPY, Duration.ZERO, cancel);
    inbox.awaitReading(Duration.ofSeconds(30));

    long start = System.nanoTime();
    cancel.cancel();
    // While the stuck run waits for its worker, the watchdog still stops other runs on time.
    ScriptOutcome other =
        engine.run(
            new ScriptRun(
                "loop.js",
                "while (true) {}",
                Map.of(),
                new RecordingHost(),
                Duration.ofMillis(300),
                new CancelSignal()));
    Duration otherTook = Duration.ofNanos(System.nanoTime() - start);
    ScriptOutcome result = stuck.get(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(other.status()).isEqualTo(ScriptOutcome.Status.TIMED_OUT);
    assertThat(otherTook).isLessThan(Duration.ofMillis(300).plus(CANCEL_WITHIN));
    assertThat(result.status()).isEqualTo(ScriptOutcome.Status.CANCELLED);
    // The run waits once for the worker, closes the VFS (which ends the stuck read), and returns.
    assertThat(took).isLessThan(VfsSession.STOP_GRACE.plus(CANCEL_WITHIN));
    assertThat(inbox.isClosed()).isTrue();
    assertThat(leftIn(target)).isEmpty();
    assertThat(host.transfers()).singleElement().matches(t -> !t.ok());
  }

  @Test
  void anInterruptOfTheRunThreadDuringACopyCancelsCleansUpAndKeepsTheFlag() throws Exception {
    Thread[] runner = new Thread[1];
    CompletableFuture<Boolean> flagAfterRun = new CompletableFuture<>();
    CompletableFuture<ScriptOutcome> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              runner[0] = Thread.currentThread();
              ScriptOutcome result =
                  engine.run(
                      new ScriptRun(
                          "copy.js", COPY, Map.of(), host, Duration.ZERO, new CancelSignal()));
              flagAfterRun.complete(Thread.interrupted());
              return result;
            },
            workers);
    inbox.awaitReading(Duration.ofSeconds(30));

    long start = System.nanoTime();
    runner[0].interrupt();
    ScriptOutcome result = outcome.get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CANCEL_WITHIN);
    assertThat(result.status()).isEqualTo(ScriptOutcome.Status.CANCELLED);
    assertThat(flagAfterRun.get()).isTrue();
    assertThat(leftIn(target)).isEmpty();
    assertThat(host.transfers()).singleElement().matches(t -> !t.ok());
  }

  private static List<String> leftIn(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
