package ferry.core.job;

/** Port: carries out one claimed job (the server plugs in the script runtime). */
public interface JobExecutor {
  /**
   * Runs {@code job} to its end on the calling thread. Must not throw for a failing script: a
   * script error is a {@link JobOutcome} with status FAILED.
   */
  JobOutcome execute(Job job, JobContext context);
}
