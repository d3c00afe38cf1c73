package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.Launch;
import ferry.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tour passes end to end as a user runs it (issue 11): {@code
 * docs/tour/run-readme-tour.sh} runs its marked code blocks, SFTP and several nodes included, and
 * checks what they did. Here on free ports (never 44399 or 2022, which a user's server may hold)
 * and a PostgreSQL database of the test's own.
 */
class ReadmeTourIT {
  private static final long TIMEOUT_MINUTES = 15;
  /** How long a hung tour's processes get to stop after SIGTERM. */
  private static final long STOP_GRACE_SECONDS = 90;

  @TempDir Path tmp;

  @Test
  void theReadmeTourPassesEndToEndWithSftpAndSeveralNodes() throws Exception {
    String db = TestDatabases.newPostgres();
    try {
      Path out = tmp.resolve("tour.out");
      ProcessBuilder pb = new ProcessBuilder("bash", Launch.repoRoot().resolve("docs/tour/run-readme-tour.sh").toString())
          .redirectErrorStream(true).redirectOutput(out.toFile());
      pb.environment().putAll(Map.of(
          "FERRY_TOUR_DIR", tmp.resolve("tour").toString(),
          "FERRY_TOUR_CLI", cliLauncher(tmp.resolve("ferry-cli")).toString(),
          "FERRY_TOUR_ANY_PORTS", "1",
          "FERRY_TOUR_DB_URL", db));
      Process tour = pb.start();
      tour.getOutputStream().close();
      if (!tour.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        stop(tour);
        throw new AssertionError("the tour did not finish in " + TIMEOUT_MINUTES + " minutes:\n" + Files.readString(out));
      }
      String printed = Files.readString(out);
      assertThat(tour.exitValue()).as(printed).isZero();
      assertThat(printed).contains("tour: ok: alice uploaded hello.txt over SFTP", "tour: ok: node-b lists the script"
          + " stored through node-a", "tour: ok: the pipeline gzipped a.csv into the outbox", "tour: passed");
    } finally {
      TestDatabases.dropPostgres(db);
    }
  }

  /** A shell script running the CLI this build made (what ./ferry would build and run). */
  private static Path cliLauncher(Path file) throws IOException {
    String command = Launch.command().stream().map(ReadmeTourIT::shellQuoted).collect(Collectors.joining(" "));
    Files.writeString(file, "#!/bin/sh\nexec " + command + " \"$@\"\n");
    if (!file.toFile().setExecutable(true)) throw new IOException("cannot make " + file + " executable");
    return file;
  }

  private static String shellQuoted(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Stops a tour that hangs: SIGTERM to the script, what it runs and the servers it started (their
   * pids are in its pids file; they outlive the shell that started them), then SIGKILL after a grace.
   */
  private void stop(Process tour) throws IOException, InterruptedException {
    List<ProcessHandle> all = new ArrayList<>(tour.descendants().toList());
    all.add(tour.toHandle());
    Path pids = tmp.resolve("tour/readme-tour-run/pids");
    if (Files.exists(pids)) {
      for (String pid : Files.readAllLines(pids)) {
        if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(all::add);
      }
    }
    all.forEach(ProcessHandle::destroy);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        p.destroyForcibly();
      }
    }
  }
}
