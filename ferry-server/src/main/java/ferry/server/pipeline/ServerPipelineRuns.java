package ferry.server.pipeline;

import static java.util.Objects.requireNonNull;

import ferry.core.error.NotFoundException;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.run.Locations;
import ferry.pipeline.run.PipelineRunner;
import ferry.pipeline.run.PipelineRuns;
import ferry.pipeline.run.SourceFile;
import ferry.pipeline.run.SourcePicker;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's runs: a started run is stored {@code queued} and becomes a db-scheduler execution,
 * which one node picks and carries ({@link #execute}); a cancel ends a queued run at once and
 * tells a running one, here or on the node that carries it (through its stored status).
 */
public final class ServerPipelineRuns implements PipelineRuns, PipelineTasks.RunHandler {
  private static final Logger log = LoggerFactory.getLogger(ServerPipelineRuns.class);
  static final String SYSTEM = "system";

  private final PipelineRepository repo;
  private final PipelineRunner runner;
  /** What each owner may name now: a run checks its YAML again, tenancy may have changed since it was saved. */
  private final java.util.function.Function<String, ferry.pipeline.definition.PipelineNames> owners;
  private final Locations locations;
  private final Clock clock;
  private final Map<String, ServerRunControl> active = new ConcurrentHashMap<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile PipelineTasks tasks;
  private volatile Runnable triggersChanged = () -> {};
  private volatile String node = "unstarted";

  ServerPipelineRuns(PipelineRepository repo, PipelineRunner runner, Locations locations,
      java.util.function.Function<String, ferry.pipeline.definition.PipelineNames> owners, Clock clock) {
    this.owners = owners;
    this.repo = requireNonNull(repo, "No pipeline repository");
    this.runner = requireNonNull(runner, "No runner");
    this.locations = requireNonNull(locations, "No locations");
    this.clock = requireNonNull(clock, "No clock");
  }

  void wire(PipelineTasks tasks, Runnable triggersChanged) {
    this.tasks = tasks;
    this.triggersChanged = triggersChanged;
  }

  void startOn(String nodeName) {
    this.node = nodeName;
  }

  /** This node stops: its runs stop between files and are handed back (resumed on restart or elsewhere). */
  void stopping() {
    stopping.set(true);
  }

  @Override
  public PipelineRun start(Pipeline pipeline, String triggeredBy) {
    return startTriggered(pipeline, "manual", null, triggeredBy).orElseThrow();
  }

  /**
   * Stores a run of the pipeline's current version and queues it.
   *
   * @param triggerKey what fired it, unique per pipeline (null for manual runs)
   * @return empty when a run with that key exists already (another node started this firing)
   */
  Optional<PipelineRun> startTriggered(Pipeline p, String trigger, String triggerKey, String triggeredBy) {
    PipelineRun run = new PipelineRun(UUID.randomUUID().toString(), p.id(), p.version(), PipelineRunStatus.QUEUED,
        trigger, triggerKey, triggeredBy, null, 0, 0, 0, 0, null, clock.instant(), null, null);
    if (!repo.insertRun(run)) return Optional.empty();
    tasks.queue(run.id());
    log.info("pipeline {} run {} queued ({}{})", p.identifier(), run.id(), trigger,
        triggerKey == null ? "" : " " + triggerKey);
    return Optional.of(run);
  }

  @Override
  public PipelineRun cancel(String runId) {
    for (int tries = 0; tries < 5; tries++) {
      PipelineRun run = repo.findRun(runId).orElseThrow(() -> new NotFoundException("run " + runId + " not found"));
      if (run.status().isFinal()) return run;
      PipelineRun ended = run.withEnded(PipelineRunStatus.CANCELLED, "cancelled", clock.instant());
      if (repo.updateRunIf(ended, run.status())) {
        if (run.status() == PipelineRunStatus.QUEUED) tasks.dropQueued(runId);
        ServerRunControl c = active.get(runId);
        if (c != null) c.cancel();
        log.info("pipeline run {} cancelled while {}", runId, run.status().wire());
        return ended;
      }
    }
    return repo.findRun(runId).orElseThrow(() -> new NotFoundException("run " + runId + " not found"));
  }

  @Override
  public List<SourceFile> simulate(PipelineDefinition definition, String customer) throws IOException {
    try (Vfs vfs = locations.open(definition.source().location())) {
      return new SourcePicker(clock).pick(vfs, definition.source());
    }
  }

  @Override
  public void changed(Pipeline pipeline) {
    triggersChanged.run();
    try {
      PipelineTriggers.plan(tasks, pipeline, clock);
    } catch (RuntimeException e) { // stored already: the change stands, its trigger is planned at the next start
      log.error("pipeline {}: could not plan its trigger", pipeline.identifier(), e);
    }
  }

  @Override
  public void removed(String pipelineId) {
    triggersChanged.run();
    tasks.planTrigger(pipelineId, Optional.empty());
    for (Map.Entry<String, ServerRunControl> e : active.entrySet()) {
      if (repo.findRun(e.getKey()).isEmpty()) e.getValue().cancel(); // deleted with its pipeline
    }
  }

  /** Carries run {@code runId} on this node (db-scheduler's execution of it); never throws. */
  @Override
  public boolean execute(String runId) {
    try {
      Optional<PipelineRun> found = repo.findRun(runId);
      if (found.isEmpty() || found.get().status().isFinal()) return false;
      PipelineRun run = found.get();
      Optional<Pipeline> pipeline = repo.find(run.pipelineId());
      PipelineRun claimed = run.withStarted(node, clock.instant());
      if (!repo.updateRunIf(claimed, run.status())) return false; // cancelled meanwhile
      if (run.status() == PipelineRunStatus.RUNNING)
        log.info("pipeline run {} was running on {}, which stopped; taking it over", runId, run.node());
      if (pipeline.isEmpty()) {
        runner.fail(claimed, "the pipeline was deleted");
        return false;
      }
      PipelineDefinition def;
      try {
        String yaml = repo.version(run.pipelineId(), run.version()).map(v -> v.yaml())
            .orElseThrow(() -> new IllegalArgumentException("version " + run.version() + " of the pipeline is gone"));
        def = StoredYaml.parse(yaml, owners.apply(pipeline.get().customer()));
      } catch (RuntimeException e) {
        runner.fail(claimed, e.getMessage());
        return false;
      }
      ServerRunControl control = new ServerRunControl(runId, repo, stopping::get, clock);
      active.put(runId, control);
      try {
        PipelineRun end = runner.run(claimed, pipeline.get(), def, control);
        log.info("pipeline {} run {} {}{}", pipeline.get().identifier(), runId, end.status().wire(),
            end.error() == null ? "" : ": " + end.error());
        return end.status() == PipelineRunStatus.RUNNING;
      } finally {
        active.remove(runId);
      }
    } catch (RuntimeException e) {
      log.error("pipeline run {}: unexpected failure", runId, e);
      try { // never left running: it ends failed
        repo.findRun(runId).filter(r -> r.status() == PipelineRunStatus.RUNNING)
            .ifPresent(r -> runner.fail(r, "internal error (see the server log)"));
      } catch (RuntimeException again) {
        log.error("pipeline run {}: could not store its failure", runId, again);
      }
      return false;
    }
  }
}
