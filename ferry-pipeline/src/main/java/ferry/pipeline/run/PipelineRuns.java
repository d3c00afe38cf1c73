package ferry.pipeline.run;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.pipeline.definition.PipelineDefinition;
import java.io.IOException;
import java.util.List;

/**
 * Runs of pipelines, as the API, the CLI and the pipeline service see them: start one, cancel
 * one, see what a source would pick, and keep the triggers in step with the stored pipelines.
 */
public interface PipelineRuns {
  /**
   * Starts a run of the pipeline's current version now (whichever node picks it up runs it).
   *
   * @param triggeredBy the admin's or customer's name
   * @return the run, queued
   */
  PipelineRun start(Pipeline pipeline, String triggeredBy);

  /**
   * Cancels a queued or running run: a queued one ends at once, a running one stops between
   * files and ends {@code cancelled} with nothing half-written at its destinations.
   *
   * @return the run as it stands after the request (already final: unchanged)
   * @throws ferry.core.error.NotFoundException when there is no such run
   */
  PipelineRun cancel(String runId);

  /**
   * The files {@code definition}'s source would pick now, for its owner ({@code customer} null for
   * an admin), without moving or marking anything.
   */
  List<SourceFile> simulate(PipelineDefinition definition, String customer) throws IOException;

  /** A pipeline was created or changed (YAML or enabled flag): its trigger follows it. */
  void changed(Pipeline pipeline);

  /** A pipeline was deleted: its trigger stops and its queued runs end. */
  void removed(String pipelineId);
}
