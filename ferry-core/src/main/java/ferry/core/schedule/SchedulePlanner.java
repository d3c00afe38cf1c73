package ferry.core.schedule;

/**
 * Port to the scheduler that fires server jobs: told of every change of a job, after it is stored,
 * so that each enabled server job has exactly one planned firing.
 */
public interface SchedulePlanner {
  /** Plans nothing (a process that fires no jobs, e.g. {@code ferry run}). */
  SchedulePlanner NONE = new SchedulePlanner() {
    @Override
    public void changed(ScheduledJob job) {}

    @Override
    public void removed(String jobId) {}
  };

  /**
   * The job was created or changed: plan its next firing by its (new) schedule, or drop it when
   * the job is disabled or belongs to an agent.
   */
  void changed(ScheduledJob job);

  /** The job was deleted: drop its planned firing. */
  void removed(String jobId);
}
