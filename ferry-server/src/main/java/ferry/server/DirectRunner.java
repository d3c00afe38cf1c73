package ferry.server;

import ferry.core.error.FerryException;
import ferry.core.job.Job;
import ferry.core.job.JobContext;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobRepository;
import ferry.core.job.JobStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a script file in this process on the data dir's database, for `ferry run` when no server runs. */
public final class DirectRunner {
  private DirectRunner() {}

  /**
   * Runs {@code file} synchronously, printing its log to {@code out}.
   *
   * @param dataDir the data directory whose database and secrets the script uses
   * @param dbUrl a JDBC URL overriding the data dir's embedded database, or null
   * @return the process exit code: 0 when the script completed, 1 when it failed or was refused
   *     (Allow CLI Run is off), with the reason printed to {@code err}
   */
  public static int run(
      Path dataDir, String dbUrl, Path file, Map<String, String> params, PrintStream out, PrintStream err) {
    String source;
    try {
      source = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 1;
    }
    ServerConfig base = ServerConfig.defaults(dataDir);
    ServerConfig cfg = new ServerConfig(dataDir, base.httpHost(), base.httpPort(), false, null, null, null, null,
        dbUrl, 2, 1, base.shutdownTimeout(), List.of(), localDirs(), null, 0, null, System.getenv("FERRY_MASTER_KEY"), null,
        base.sftpAddress(), ServerConfig.SFTP_OFF, List.of(), List.of(), List.of(), base.sftpMaxAuthTries(), List.of(), null, null);
    DataDir dir = new DataDir(dataDir).create();
    Clock clock = Core.clock();
    try (Core core = new Core(cfg, dir, clock)) {
      String node = "cli-" + ProcessHandle.current().pid();
      Job job = core.jobs.startDirect(file.getFileName().toString(), file.toAbsolutePath().toString(), source, params, node);
      JobOutcome outcome = runWithHeartbeat(core, job, node, out, clock);
      if (outcome.status() != JobStatus.COMPLETED && outcome.error() != null) err.println(outcome.error());
      return outcome.status() == JobStatus.COMPLETED ? 0 : 1;
    } catch (FerryException e) {
      err.println(e.getMessage());
      return 1;
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return 1;
    }
  }

  /** The server's --local-dir setting is not known here; FERRY_LOCAL_DIRS gives it to `ferry run`. */
  private static List<Path> localDirs() {
    String dirs = System.getenv("FERRY_LOCAL_DIRS");
    return dirs == null ? List.of() : java.util.Arrays.stream(dirs.split(":")).filter(d -> !d.isBlank()).map(Path::of).toList();
  }

  private static JobOutcome runWithHeartbeat(Core core, Job job, String node, PrintStream out, Clock clock) {
    JobRepository repo = core.store.jobs();
    ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
    beat.scheduleWithFixedDelay(() -> repo.heartbeat(node, clock.instant()), 0, 5, TimeUnit.SECONDS);
    PrintingContext ctx = new PrintingContext(out, clock);
    try {
      JobOutcome outcome = core.executor.execute(job, ctx);
      repo.finish(job.id(), outcome.status(), outcome.exitCode(), outcome.error(), clock.instant(), ctx.lines);
      return outcome;
    } finally {
      beat.shutdownNow();
      repo.removeNode(node);
    }
  }

  /** Prints each line as the script logs it and keeps it for the job's stored log. */
  private static final class PrintingContext implements JobContext {
    final List<JobLogLine> lines = new ArrayList<>();
    private final PrintStream out;
    private final Clock clock;

    PrintingContext(PrintStream out, Clock clock) {
      this.out = out;
      this.clock = clock;
    }

    @Override
    public synchronized void log(String level, String message) {
      Instant now = clock.instant();
      lines.add(new JobLogLine(lines.size() + 1, now, level, message));
      out.println(now.truncatedTo(ChronoUnit.MILLIS) + " " + level + " " + message);
      out.flush();
    }

    @Override
    public void onCancel(Runnable hook) {
      // `ferry run` is stopped by ending the process (Ctrl-C); there is nobody to cancel it otherwise
    }
  }
}
