package ferry.server;

import ferry.core.error.NotFoundException;
import ferry.core.folder.FolderService;
import ferry.core.job.Job;
import ferry.core.job.JobContext;
import ferry.core.job.JobExecutor;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobStatus;
import ferry.core.secret.SecretService;
import ferry.core.session.TransferLog;
import ferry.script.CancelSignal;
import ferry.script.LogLevel;
import ferry.script.ScriptEngine;
import ferry.script.ScriptHost;
import ferry.script.ScriptOutcome;
import ferry.script.ScriptRun;
import ferry.script.TransferRecord;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.Optional;

/** Runs a job's script on the shared script engine, with the secrets store and the job's log. */
final class ScriptJobExecutor implements JobExecutor {
  private final ScriptEngine engine;
  private final SecretService secrets;
  private final FolderService folders;
  private final TransferLog transfers;
  private final List<Path> localDirs;
  private final Duration timeLimit;
  private final Clock clock;

  ScriptJobExecutor(ScriptEngine engine, SecretService secrets, FolderService folders, TransferLog transfers,
      List<Path> localDirs, Duration timeLimit, Clock clock) {
    this.engine = engine;
    this.secrets = secrets;
    this.folders = folders;
    this.transfers = transfers;
    this.localDirs = List.copyOf(localDirs);
    this.timeLimit = timeLimit == null ? Duration.ZERO : timeLimit;
    this.clock = clock;
  }

  @Override
  public JobOutcome execute(Job job, JobContext ctx) {
    CancelSignal cancel = new CancelSignal();
    ctx.onCancel(cancel::cancel);
    ScriptHost host = host(job.id(), secrets::reveal, name -> true, localDirs, ctx::log);
    ScriptOutcome out = engine.run(new ScriptRun(job.scriptName(), job.source(), job.params(), host, timeLimit, cancel));
    return switch (out.status()) {
      case COMPLETED -> JobOutcome.completed();
      case FAILED, TIMED_OUT -> JobOutcome.failed(out.exitCode(), out.error());
      case CANCELLED -> new JobOutcome(JobStatus.CANCELLED, out.exitCode(), "cancelled");
    };
  }

  /**
   * Runs stored script {@code script} for a pipeline's script step, in this process (the step's
   * files are in this node's work directory, which the script may use as a local directory): the
   * owner's names limit its secrets and VFS entries, its log lines go to the step's log, and its
   * transfers are recorded under the run's id.
   *
   * @return the script's exit code: 0 when it completed
   */
  int runForPipeline(ferry.core.job.Script script, ferry.pipeline.run.ScriptCall call,
      ferry.pipeline.definition.PipelineNames owner) {
    List<Path> dirs = new java.util.ArrayList<>(localDirs);
    dirs.add(call.workDir());
    ScriptHost host = host(call.runId().replace("-", ""), name -> owner.secret(name) ? secrets.reveal(name)
        : Optional.empty(), owner::vfs, dirs, (level, message) -> call.log().accept(level + " " + message));
    ScriptOutcome out = engine.run(new ScriptRun(script.name(), script.source(), call.params(), host, timeLimit,
        new CancelSignal()));
    if (out.status() != ScriptOutcome.Status.COMPLETED && out.error() != null)
      call.log().accept("script " + script.name() + ": " + out.error());
    return out.status() == ScriptOutcome.Status.COMPLETED ? 0 : out.exitCode() == 0 ? 1 : out.exitCode();
  }

  private ScriptHost host(String transferJobId, java.util.function.Function<String, Optional<String>> secret,
      java.util.function.Predicate<String> mayOpen, List<Path> dirs,
      java.util.function.BiConsumer<String, String> log) {
    return new ScriptHost() {
      @Override
      public Optional<String> secret(String name) {
        return secret.apply(name);
      }

      @Override
      public void log(LogLevel level, String message) {
        log.accept(level.name(), message);
      }

      @Override
      public Vfs openVfs(String name) throws IOException {
        if (!mayOpen.test(name)) throw new NoSuchFileException(name, null, "no VFS named '" + name + "' in the VFS Library");
        try {
          return folders.open(name);
        } catch (NotFoundException e) {
          throw new NoSuchFileException(name, null, e.getMessage());
        }
      }

      @Override
      public void transferred(TransferRecord r) {
        transfers.write(ferry.core.transfer.TransferRecord.job(transferJobId, r.srcVfs(), r.srcPath(), r.dstVfs(),
            r.dstPath(), r.bytes(), r.duration(), r.sha256().isEmpty() ? null : r.sha256(), r.ok(),
            r.error().isEmpty() ? null : r.error(), clock.instant()));
      }

      @Override
      public List<Path> localDirs() {
        return dirs;
      }
    };
  }
}
