package ferry.core.job;

/** Port: tells this node's workers at once about queue changes, so they need not wait for a poll. */
public interface JobEvents {
  /** A job was queued. */
  void queued();

  /** A running job was flagged for cancellation. */
  void cancelRequested(String jobId);

  JobEvents NONE =
      new JobEvents() {
        @Override
        public void queued() {}

        @Override
        public void cancelRequested(String jobId) {}
      };
}
