package ferry.core.job;

/** What a running job can reach of its worker: its log and its cancellation. */
public interface JobContext {
  /** Appends a line to the job's log (level DEBUG, INFO, WARN or ERROR). */
  void log(String level, String message);

  /** Runs {@code hook} once when the job is cancelled (at once if it already is). */
  void onCancel(Runnable hook);
}
