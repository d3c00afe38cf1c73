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
    ScriptHost host = new ScriptHost() {
      @Override
      public Optional<String> secret(String name) {
        return secrets.reveal(name);
      }

      @Override
      public void log(LogLevel level, String message) {
        ctx.log(level.name(), message);
      }

      @Override
      public Vfs openVfs(String name) throws IOException {
        try {
          return folders.open(name);
        } catch (NotFoundException e) {
          throw new NoSuchFileException(name, null, e.getMessage());
        }
      }

      @Override
      public void transferred(TransferRecord r) {
        transfers.write(ferry.core.transfer.TransferRecord.job(job.id(), r.srcVfs(), r.srcPath(), r.dstVfs(),
            r.dstPath(), r.bytes(), r.duration(), r.sha256().isEmpty() ? null : r.sha256(), r.ok(),
            r.error().isEmpty() ? null : r.error(), clock.instant()));
      }

      @Override
      public List<Path> localDirs() {
        return localDirs;
      }
    };
    ScriptOutcome out = engine.run(new ScriptRun(job.scriptName(), job.source(), job.params(), host, timeLimit, cancel));
    return switch (out.status()) {
      case COMPLETED -> JobOutcome.completed();
      case FAILED, TIMED_OUT -> JobOutcome.failed(out.exitCode(), out.error());
      case CANCELLED -> new JobOutcome(JobStatus.CANCELLED, out.exitCode(), "cancelled");
    };
  }
}
