package ferry.jobs;

import ferry.core.ReadableUnits;
import ferry.core.job.Job;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobStatus;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The server log's lines for a job's start and end, on {@code ferry.job}: a sentence for people and
 * key-value pairs for the JSON log format (issue 11). E.g.
 *
 * <pre>
 * job 01J... started script=nightly trigger=api
 * job 01J... completed in 3.2 s
 * job 01J... failed in 120 ms (exit 1): ReferenceError: x is not defined
 * </pre>
 */
final class JobLines {
  private static final Logger JOB = LoggerFactory.getLogger("ferry.job");

  private JobLines() {}

  static void started(Job job) {
    JOB.atInfo()
        .setMessage(startMessage(job))
        .addKeyValue("event", "job_started")
        .addKeyValue("job_id", job.id())
        .addKeyValue("script", job.scriptName())
        .addKeyValue("trigger", job.trigger().wire())
        .addKeyValue("status", JobStatus.RUNNING.wire())
        .log();
  }

  /** INFO when the job completed or was cancelled, WARN when it failed or was interrupted. */
  static void ended(Job job, JobOutcome outcome, Duration took) {
    boolean bad = outcome.status() == JobStatus.FAILED || outcome.status() == JobStatus.INTERRUPTED;
    LoggingEventBuilder line = (bad ? JOB.atWarn() : JOB.atInfo())
        .setMessage(endMessage(job, outcome, took))
        .addKeyValue("event", "job_ended")
        .addKeyValue("job_id", job.id())
        .addKeyValue("script", job.scriptName())
        .addKeyValue("trigger", job.trigger().wire())
        .addKeyValue("status", outcome.status().wire())
        .addKeyValue("duration_ms", took.toMillis())
        .addKeyValue("exit_code", outcome.exitCode());
    if (outcome.error() != null) {
      line = line.addKeyValue("error", outcome.error());
    }
    line.log();
  }

  static String startMessage(Job job) {
    return "job " + job.id() + " started script=" + job.scriptName() + " trigger=" + job.trigger().wire();
  }

  static String endMessage(Job job, JobOutcome outcome, Duration took) {
    StringBuilder b = new StringBuilder("job ").append(job.id()).append(' ').append(outcome.status().wire())
        .append(" in ").append(ReadableUnits.duration(took));
    if (outcome.status() == JobStatus.FAILED && outcome.exitCode() != 0) {
      b.append(" (exit ").append(outcome.exitCode()).append(')');
    }
    if (outcome.error() != null && outcome.status() != JobStatus.CANCELLED) {
      b.append(": ").append(outcome.error());
    }
    return b.toString();
  }
}
