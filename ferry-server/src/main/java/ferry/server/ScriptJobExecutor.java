package ferry.server;

import ferry.core.job.Job;
import ferry.core.job.JobContext;
import ferry.core.job.JobExecutor;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobStatus;
import ferry.core.secret.SecretService;
import ferry.script.CancelSignal;
import ferry.script.LogLevel;
import ferry.script.ScriptEngine;
import ferry.script.ScriptHost;
import ferry.script.ScriptOutcome;
import ferry.script.ScriptRun;
import java.time.Duration;
import java.util.Optional;

/** Runs a job's script on the shared script engine, with the secrets store and the job's log. */
final class ScriptJobExecutor implements JobExecutor {
  private final ScriptEngine engine;
  private final SecretService secrets;
  private final Duration timeLimit;

  ScriptJobExecutor(ScriptEngine engine, SecretService secrets, Duration timeLimit) {
    this.engine = engine;
    this.secrets = secrets;
    this.timeLimit = timeLimit == null ? Duration.ZERO : timeLimit;
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
    };
    ScriptOutcome out = engine.run(new ScriptRun(job.scriptName(), job.source(), job.params(), host, timeLimit, cancel));
    return switch (out.status()) {
      case COMPLETED -> JobOutcome.completed();
      case FAILED, TIMED_OUT -> JobOutcome.failed(out.exitCode(), out.error());
      case CANCELLED -> new JobOutcome(JobStatus.CANCELLED, out.exitCode(), "cancelled");
    };
  }
}
