package ferry.core.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * One step of a run as it went: index 0.. in the YAML's order (the source pick-up and each
 * destination's delivery are steps too, named by {@code type} "source" and "deliver").
 *
 * @param status pending, running, completed, failed, skipped
 * @param log the step's log lines, oldest first (bounded by the runner)
 */
public record RunStep(
    String runId,
    int index,
    String type,
    String status,
    int attempts,
    int filesIn,
    int filesOut,
    long bytesIn,
    long bytesOut,
    String error,
    List<String> log,
    Instant startedAt,
    Instant endedAt) {
  public RunStep {
    log = log == null ? List.of() : List.copyOf(log);
  }
}
