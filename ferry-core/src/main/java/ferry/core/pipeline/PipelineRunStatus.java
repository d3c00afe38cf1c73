package ferry.core.pipeline;

import java.util.Locale;

/**
 * Where a pipeline run is: queued (waiting for a node), running, then one final state. A run a
 * node stopped running (killed, or shut down past the drain deadline) is resumed from its last
 * completed step, or ends {@code interrupted} with the reason; it is never left {@code running}.
 */
public enum PipelineRunStatus {
  QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED, INTERRUPTED;

  public boolean isFinal() {
    return this != QUEUED && this != RUNNING;
  }

  /** The lower-case name used on the wire and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named {@code wire}; an IllegalArgumentException for an unknown name. */
  public static PipelineRunStatus of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
