package ferry.server.pipeline;

import ferry.core.error.NotFoundException;
import ferry.core.error.UnavailableException;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.run.PipelineRuns;
import ferry.pipeline.run.SourceFile;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Stand-in runs until the pipeline runner is wired (issue 14): starting records a queued run,
 * cancelling ends a queued one; nothing runs, no trigger fires, no source is listed. The runner's
 * {@link PipelineRuns} replaces this file.
 */
public final class QueuedOnlyRuns implements PipelineRuns {
  private final PipelineRepository repo;
  private final Clock clock;

  public QueuedOnlyRuns(PipelineRepository repo, Clock clock) {
    this.repo = repo;
    this.clock = clock;
  }

  @Override
  public PipelineRun start(Pipeline p, String triggeredBy) {
    PipelineRun run = new PipelineRun(UUID.randomUUID().toString(), p.id(), p.version(), PipelineRunStatus.QUEUED,
        "manual", null, triggeredBy, null, 0, 0, 0, 0, null, clock.instant(), null, null);
    repo.insertRun(run);
    return run;
  }

  @Override
  public PipelineRun cancel(String runId) {
    PipelineRun run = repo.findRun(runId).orElseThrow(() -> new NotFoundException("run " + runId + " does not exist"));
    if (run.status() != PipelineRunStatus.QUEUED) return run;
    PipelineRun cancelled = run.withEnded(PipelineRunStatus.CANCELLED, "cancelled before it started", clock.instant());
    return repo.updateRunIf(cancelled, PipelineRunStatus.QUEUED) ? cancelled : repo.findRun(runId).orElse(run);
  }

  @Override
  public List<SourceFile> simulate(PipelineDefinition definition, String customer) {
    throw new UnavailableException("this server cannot list pipeline sources yet (no pipeline runner)");
  }

  @Override
  public void changed(Pipeline pipeline) {
    // no triggers to follow without the runner
  }

  @Override
  public void removed(String pipelineId) {
    // queued runs went with the pipeline's rows
  }
}
