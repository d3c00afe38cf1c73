package ferry.server.pipeline;

import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.pipeline.run.RunControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Stops a run carried on this node: a cancel made here sets its flag at once; one made on another
 * node is the run's stored status turning {@code cancelled}, looked up at most once per
 * {@link #LOOK_EVERY}; the node stopping is the server's flag.
 */
final class ServerRunControl implements RunControl {
  static final Duration LOOK_EVERY = Duration.ofSeconds(1);

  private final String runId;
  private final PipelineRepository repo;
  private final BooleanSupplier nodeStopping;
  private final Clock clock;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile Instant lookedAt = Instant.EPOCH;

  ServerRunControl(String runId, PipelineRepository repo, BooleanSupplier nodeStopping, Clock clock) {
    this.runId = runId;
    this.repo = repo;
    this.nodeStopping = nodeStopping;
    this.clock = clock;
  }

  void cancel() {
    cancelled.set(true);
  }

  @Override
  public boolean cancelled() {
    if (cancelled.get()) return true;
    Instant now = clock.instant();
    if (now.isBefore(lookedAt.plus(LOOK_EVERY))) return false;
    lookedAt = now;
    boolean stored = repo.findRun(runId).map(r -> r.status() == PipelineRunStatus.CANCELLED).orElse(true);
    if (stored) cancelled.set(true);
    return stored;
  }

  @Override
  public boolean stopping() {
    return nodeStopping.getAsBoolean();
  }
}
