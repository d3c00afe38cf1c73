package ferry.server.metrics;

import ferry.core.job.Job;
import ferry.core.job.JobContext;
import ferry.core.job.JobExecutor;
import ferry.core.job.JobOutcome;
import ferry.core.job.JobStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/** A {@link JobExecutor} that counts the jobs it starts and times each by how it ended. */
final class TimedJobExecutor implements JobExecutor {
  private final JobExecutor executor;
  private final Counter started;
  private final MeterProvider<Timer> ended;

  TimedJobExecutor(JobExecutor executor, MeterRegistry registry) {
    this.executor = executor;
    started = Counter.builder("ferry.jobs.started").description("Jobs this node started running").register(registry);
    ended = Timer.builder("ferry.jobs.duration")
        .description("Jobs this node ran, by how they ended, and how long they ran").withRegistry(registry);
    for (JobStatus s : JobStatus.values()) if (s.isFinal()) ended.withTag("status", s.wire());
  }

  @Override
  public JobOutcome execute(Job job, JobContext context) {
    started.increment();
    long start = System.nanoTime();
    JobStatus status = JobStatus.FAILED; // if the executor throws, the workers fail the job
    try {
      JobOutcome outcome = executor.execute(job, context);
      status = outcome.status();
      return outcome;
    } finally {
      ended.withTag("status", status.wire()).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }
}
