package ferry.core.job;

/** Port: tells this node's workers at once about queue changes, so they need not wait for a poll. */
public interface JobEvents {
  /** The job {@code job} was queued on this node. */
  void queued(Job job);

  /** A running job was flagged for cancellation. */
  void cancelRequested(String jobId);

  JobEvents NONE =
      new JobEvents() {
        @Override
        public void queued(Job job) {}

        @Override
        public void cancelRequested(String jobId) {}
      };
}
