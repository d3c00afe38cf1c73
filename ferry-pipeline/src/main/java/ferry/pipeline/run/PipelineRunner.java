package ferry.pipeline.run;

import static java.util.Objects.requireNonNull;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.transfer.TransferRecord;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.StepRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Carries pipeline runs: picks the source's files into the run's work directory, runs the steps in
 * order (with their retries), delivers to each destination under a temporary name, then applies
 * the source's after-success and tells the webhooks. Every step is stored as it goes, so a run
 * whose node died resumes from its last completed step (when its work directory is still whole)
 * or ends {@code interrupted} with the reason. Never throws: what fails is the run's error.
 */
public final class PipelineRunner {
  /** The directory under the data dir that holds one work directory per running run. */
  public static final String WORK_DIR = "pipeline-work";

  final PipelineRepository repo;
  final Locations locations;
  final RunServices services;
  final Function<StepSpec, StepRunner> steps;
  final Consumer<TransferRecord> transfers;
  final Path workRoot;
  final Clock clock;

  /**
   * @param steps makes each step's runner ({@code ferry.pipeline.step.Steps::runner})
   * @param transfers where each delivered file's transfer record goes (the server's transfer log)
   * @param dataDir the node's data directory; work directories go under {@link #WORK_DIR}
   */
  public PipelineRunner(PipelineRepository repo, Locations locations, RunServices services,
      Function<StepSpec, StepRunner> steps, Consumer<TransferRecord> transfers, Path dataDir, Clock clock) {
    this.repo = requireNonNull(repo, "No pipeline repository");
    this.locations = requireNonNull(locations, "No locations");
    this.services = requireNonNull(services, "No run services");
    this.steps = requireNonNull(steps, "No step factory");
    this.transfers = requireNonNull(transfers, "No transfer sink");
    this.workRoot = requireNonNull(dataDir, "No data dir").resolve(WORK_DIR).toAbsolutePath().normalize();
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Carries {@code run}, which this node has claimed (stored {@code running}), from its
   * {@code completedSteps} to its end: from the start when none completed, else resumed from the
   * work directory, or ended {@code interrupted} when that is gone or incomplete.
   *
   * @return the run as stored at the end; still {@code running} when {@code control} said this
   *     node is stopping (its work directory is kept for a resume)
   */
  public PipelineRun run(PipelineRun run, Pipeline pipeline, PipelineDefinition definition, RunControl control) {
    return new RunExecution(this, run, pipeline, definition, control).go();
  }

  /**
   * Ends a claimed run that cannot be carried (its YAML no longer reads, its pipeline is gone) as
   * {@code failed} with {@code why}, removing its work directory.
   */
  public PipelineRun fail(PipelineRun run, String why) {
    return RunExecution.failWithout(this, run, why);
  }

  /** Where run {@code runId} keeps its files while it runs. */
  public Path workDir(String runId) {
    return workRoot.resolve(runId);
  }
}
