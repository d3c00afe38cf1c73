package ferry.core.job;

/** How a job ended; {@code error} is null on success. */
public record JobOutcome(JobStatus status, int exitCode, String error) {
  public static JobOutcome completed() {
    return new JobOutcome(JobStatus.COMPLETED, 0, null);
  }

  public static JobOutcome failed(int exitCode, String error) {
    return new JobOutcome(JobStatus.FAILED, exitCode, error);
  }
}
