package ferry.server.pipeline;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.schedule.CronSchedule;
import ferry.pipeline.definition.PipelineDefinition;
import ferry.pipeline.definition.Trigger;
import ferry.pipeline.run.Locations;
import ferry.pipeline.run.SourceFile;
import ferry.pipeline.run.SourcePicker;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the cron and poll triggers (db-scheduler's {@value PipelineTasks#TRIGGER} executions,
 * one node each). A cron firing stores a run keyed "cron:&lt;planned time&gt;", so one firing is
 * one run across nodes. A poll firing lists the source and starts a run only when some file was
 * picked by no run before (the run itself then marks the files it picks, once).
 */
final class PipelineTriggers implements PipelineTasks.TriggerHandler {
  private static final Logger log = LoggerFactory.getLogger(PipelineTriggers.class);
  /** The shortest poll interval (the schema's minimum too). */
  static final Duration MIN_POLL = Duration.ofSeconds(10);

  private final PipelineRepository repo;
  private final ServerPipelineRuns runs;
  private final Locations locations;
  private final Clock clock;

  PipelineTriggers(PipelineRepository repo, ServerPipelineRuns runs, Locations locations, Clock clock) {
    this.repo = repo;
    this.runs = runs;
    this.locations = locations;
    this.clock = clock;
  }

  /** Plans (or drops) {@code p}'s trigger after a change. */
  static void plan(PipelineTasks tasks, Pipeline p, Clock clock) {
    tasks.planTrigger(p.id(), nextFiring(p, clock.instant()));
  }

  /** When an enabled cron or poll pipeline fires next after {@code after}; empty for others. */
  static Optional<Instant> nextFiring(Pipeline p, Instant after) {
    if (!p.enabled()) return Optional.empty();
    String type = p.triggerType();
    if (!type.equals(Trigger.Type.CRON.wire()) && !type.equals(Trigger.Type.POLL.wire())) return Optional.empty();
    Trigger t = StoredYaml.parse(p.yaml()).trigger();
    return switch (t.type()) {
      case CRON -> CronSchedule.of(t.schedule(), t.timezone()).next(after);
      case POLL -> Optional.of(after.plus(max(t.interval(), MIN_POLL)));
      default -> Optional.empty();
    };
  }

  @Override
  public Optional<Instant> next(String pipelineId, Instant after) {
    return repo.find(pipelineId).flatMap(p -> nextFiring(p, after));
  }

  @Override
  public void fire(String pipelineId, Instant scheduledAt) {
    Optional<Pipeline> found = repo.find(pipelineId).filter(Pipeline::enabled);
    if (found.isEmpty()) return;
    Pipeline p = found.get();
    PipelineDefinition def;
    try {
      def = StoredYaml.parse(p.yaml());
    } catch (IllegalArgumentException e) {
      log.warn("pipeline {}: not fired: {}", p.identifier(), e.getMessage());
      return;
    }
    switch (def.trigger().type()) {
      case CRON -> {
        if (runs.startTriggered(p, "cron", "cron:" + scheduledAt, ServerPipelineRuns.SYSTEM).isEmpty())
          log.info("pipeline {}: the firing of {} has its run already", p.identifier(), scheduledAt);
      }
      case POLL -> poll(p, def, scheduledAt);
      default -> { }
    }
  }

  private void poll(Pipeline p, PipelineDefinition def, Instant scheduledAt) {
    List<SourceFile> files;
    try (Vfs vfs = locations.open(def.source().location())) {
      files = new SourcePicker(clock).pick(vfs, def.source());
    } catch (IOException | RuntimeException e) {
      log.warn("pipeline {}: polling {} failed: {}", p.identifier(), def.source().location().describe(), e.toString());
      return;
    }
    if (!anyUnseen(p.id(), files)) return;
    runs.startTriggered(p, "poll", "poll:" + scheduledAt, ServerPipelineRuns.SYSTEM);
  }

  /**
   * Whether some file was not picked by any run yet. The repository answers "seen" only by marking,
   * so a probe marks under its own id and forgets its marks again; the run marks for good.
   */
  private boolean anyUnseen(String pipelineId, List<SourceFile> files) {
    String probe = UUID.randomUUID().toString(); // a run id no run has
    try {
      for (SourceFile f : files) {
        if (repo.markSeen(pipelineId, SourcePicker.seenKey(f), probe, clock.instant())) return true;
      }
      return false;
    } finally {
      repo.forgetSeen(pipelineId, probe);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a == null || a.compareTo(b) < 0 ? b : a;
  }
}
