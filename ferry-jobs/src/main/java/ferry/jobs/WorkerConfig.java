package ferry.jobs;

import java.time.Duration;

/**
 * Settings of a node's job workers.
 *
 * @param node this node's id, recorded on the jobs it claims
 * @param workers how many jobs run at once on this node
 * @param pollInterval how often the queue is polled for jobs queued by other nodes
 * @param heartbeatInterval how often this node says it is alive; a node silent for three
 *     intervals is dead and its running jobs are marked interrupted
 * @param exclusiveDatabase true when no other process can use the database (embedded H2), so any
 *     running job found at start was left by a dead process
 */
public record WorkerConfig(
    String node,
    int workers,
    Duration pollInterval,
    Duration heartbeatInterval,
    Duration logFlushInterval,
    boolean exclusiveDatabase) {
  public static final int DEFAULT_WORKERS = 16;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LOG_FLUSH_INTERVAL = Duration.ofMillis(250);

  public WorkerConfig {
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
  }

  public static WorkerConfig defaults(String node, boolean exclusiveDatabase) {
    return new WorkerConfig(node, DEFAULT_WORKERS, DEFAULT_POLL_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL,
        DEFAULT_LOG_FLUSH_INTERVAL, exclusiveDatabase);
  }
}
