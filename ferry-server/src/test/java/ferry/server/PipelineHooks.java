package ferry.server;

import java.time.Instant;
import java.util.Optional;

/** Tests' reach into a server's pipeline triggers: fire one without waiting for its time. */
public final class PipelineHooks {
  private PipelineHooks() {}

  /** Fires pipeline {@code pipelineId}'s trigger now, as the firing planned for {@code at}. */
  public static void fireAsOf(FerryServer server, String pipelineId, Instant at) {
    server.firePipelineTrigger(pipelineId, at);
  }

  /** The pipeline trigger's next firing as the scheduler holds it; empty when none is planned. */
  public static Optional<Instant> planned(FerryServer server, String pipelineId) {
    return server.plannedPipelineTrigger(pipelineId);
  }
}
