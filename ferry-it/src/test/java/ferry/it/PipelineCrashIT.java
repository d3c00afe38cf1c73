package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.FerryProcess;
import ferry.it.support.LibraryEntries;
import ferry.it.support.OpenSshd;
import ferry.it.support.Pipelines;
import ferry.it.support.Waits;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a server killed with SIGKILL while a pipeline uploads a 1 GiB file to OpenSSH's sshd,
 * then restarted on the same data dir. The run ends completed or interrupted, never left running;
 * the destination holds the whole file (same SHA-256) or nothing under its name; the run's steps
 * tell what happened. The server runs in a 256 MiB heap: the file streams through it.
 */
class PipelineCrashIT {
  private static final long SIZE = 1L << 30;
  private static final Map<String, String> SMALL_HEAP = Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=4");

  @TempDir Path tmp;

  @Test
  void aServerKilledDuringDeliveryEndsTheRunWithTheWholeFileOrNothing() throws Exception {
    Path source = Files.createDirectories(tmp.resolve("source"));
    Path big = source.resolve("big.bin");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(SIZE); // sparse: a gigabyte to read without one on disk
      f.seek(SIZE - 8);
      f.writeLong(0x1402_2026_0000_0014L); // not all zeros: a truncated copy differs
    }
    Path partner = Files.createDirectories(tmp.resolve("partner"));
    Path inbound = Files.createDirectories(partner.resolve("inbound"));
    Path data = tmp.resolve("ferry-data");
    String expected = sha256(big);

    try (OpenSshd sshd = OpenSshd.start(tmp.resolve("sshd"))) {
      FerryProcess server = FerryProcess.start(data, List.of(), SMALL_HEAP).unthrottled();
      String pipelineId;
      String runId;
      try {
        LibraryEntries.add(server, LibraryEntries.local("crash-in", source));
        LibraryEntries.add(server, LibraryEntries.openSsh("crash-partner", sshd, partner));
        Pipelines pipelines = Pipelines.of(server);
        pipelineId = pipelines.create("crash-big", """
            source:
              vfs: crash-in
              path: /
              pattern: "*.bin"
            destination:
              vfs: crash-partner
              path: /inbound
            """).path("id").asText();
        runId = pipelines.start(pipelineId);
        // the deliver step runs and bytes have reached the partner's disk under a temporary name
        Waits.until("the deliver step to be running with bytes at the destination", Duration.ofSeconds(120), () -> {
          JsonNode run = pipelines.run(pipelineId, runId);
          if (Pipelines.isFinal(run)) throw new AssertionError("the run ended before the kill: " + Pipelines.describe(run));
          boolean delivering = false;
          for (JsonNode s : run.path("steps"))
            if (s.path("type").asText().equals("deliver") && s.path("status").asText().equals("running")) delivering = true;
          return delivering && bytesUnder(inbound) > 0 ? true : null;
        });
        server.kill();
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- server log\n" + server.log(), e);
      } finally {
        server.close();
      }
      long moved = bytesUnder(inbound);
      assertThat(moved).as("killed mid-delivery").isBetween(1L, SIZE);

      FerryProcess again = FerryProcess.start(data, List.of(), SMALL_HEAP);
      try {
        Pipelines pipelines = Pipelines.of(again);
        JsonNode run = pipelines.awaitEnd(pipelineId, runId, Duration.ofSeconds(180));
        String history = Pipelines.describe(run);
        assertThat(run.path("status").asText()).as(history).isIn("completed", "interrupted");
        for (JsonNode r : pipelines.runs(pipelineId))
          assertThat(r.path("status").asText()).as("no run left running: " + r).isNotIn("running", "queued");
        // the history shows the steps: the pick-up done, the delivery done again or why it stopped
        JsonNode steps = run.path("steps");
        assertThat(steps.findValuesAsText("type")).as(history).contains("source", "deliver");
        JsonNode deliver = null;
        for (JsonNode s : steps) if (s.path("type").asText().equals("deliver")) deliver = s;
        if (run.path("status").asText().equals("completed")) {
          assertThat(deliver.path("status").asText()).as(history).isEqualTo("completed");
          assertThat(inbound.resolve("big.bin")).exists();
          assertThat(Files.size(inbound.resolve("big.bin"))).isEqualTo(SIZE);
          assertThat(sha256(inbound.resolve("big.bin"))).isEqualTo(expected);
          assertThat(run.path("deliveredFiles").path(0).path("sha256").asText()).isEqualTo(expected);
          assertThat(names(inbound)).as("no temporary file left beside it").containsExactly("big.bin");
        } else {
          assertThat(run.path("error").asText()).as(history).isNotBlank();
          assertThat(deliver.path("status").asText()).as(history).isNotIn("running", "completed");
          assertThat(inbound.resolve("big.bin")).as("an interrupted run leaves nothing under the real name").doesNotExist();
        }
        System.out.println("PipelineCrashIT: killed after " + moved + " bytes; at the destination now " + names(inbound)
            + "; " + history);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- server log after restart\n" + again.log(), e);
      } finally {
        again.close();
      }
    }
  }

  /** Bytes of every file under {@code dir} (the temporary upload included). */
  private static long bytesUnder(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      long sum = 0;
      for (Path p : s.toList()) sum += Files.isRegularFile(p) ? Files.size(p) : 0;
      return sum;
    } catch (IOException e) {
      return 0; // a file renamed while listed: the next poll sees it
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** SHA-256 streamed in 1 MiB reads. */
  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
