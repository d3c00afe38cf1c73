package ferry.server.pipeline;

import com.github.kagkarlsson.scheduler.task.Task;
import ferry.core.account.UserService;
import ferry.core.folder.FolderService;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.secret.SecretService;
import ferry.core.session.FileSessions;
import ferry.core.transfer.TransferRecord;
import ferry.pipeline.definition.PipelineNames;
import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.definition.Trigger;
import ferry.pipeline.run.PipelineRunner;
import ferry.pipeline.run.PipelineRuns;
import ferry.pipeline.step.StepRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines of one server: the runs the API starts and cancels, the runner that carries them,
 * the db-scheduler tasks (run by the server's one scheduler) and the upload trigger fed by the
 * node's transfer records.
 */
public final class ServerPipelines implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerPipelines.class);

  private final PipelineRepository repo;
  private final ServerPipelineRuns runs;
  private final PipelineTasks tasks;
  private final UploadTrigger uploads;
  private final RunRecovery recovery;
  /** Upload events, handled off the threads that store transfer records (each is a database write). */
  private final ExecutorService uploadEvents =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("ferry-pipeline-upload").factory());
  private final Clock clock;

  /** The storage, services and step factory a server's runs use. */
  public record Wiring(PipelineRepository repo, DataSource dataSource, FolderService folders, UserService users,
      FileSessions sessions, SecretService secrets, Function<String, PipelineNames> owners,
      ServerRunServices.StepScripts scripts,
      Function<StepSpec, StepRunner> steps,
      Consumer<TransferRecord> transfers, Path dataDir, Clock clock) {}

  public ServerPipelines(Wiring w) {
    this.repo = w.repo();
    this.clock = w.clock();
    ServerLocations locations = new ServerLocations(w.folders(), w.users(), w.sessions());
    PipelineRunner runner = new PipelineRunner(w.repo(), locations,
        new ServerRunServices(w.secrets(), w.owners(), w.scripts(), new ferry.pipeline.step.Webhooks(), w.clock()), w.steps(), w.transfers(), w.dataDir(),
        w.clock());
    this.runs = new ServerPipelineRuns(w.repo(), runner, locations, w.owners(), w.clock());
    PipelineTriggers triggers = new PipelineTriggers(w.repo(), runs, locations, w.clock());
    this.tasks = new PipelineTasks(w.dataSource(), runs, triggers, UploadTrigger.firing(w.repo(), runs), w.clock());
    this.uploads = new UploadTrigger(w.repo(), tasks, uploadEvents, w.clock());
    runs.wire(tasks, uploads::changed);
    this.recovery = new RunRecovery(w.repo(), tasks, w.dataSource(), w.dataDir().resolve(PipelineRunner.WORK_DIR));
  }

  public PipelineRuns runs() {
    return runs;
  }

  /** Told of every transfer record this node stores (the upload trigger's events). */
  public Consumer<TransferRecord> transferEnded() {
    return uploads;
  }

  /** The tasks the server's db-scheduler runs for pipelines; registered before it starts. */
  public List<Task<?>> tasks() {
    return tasks.tasks();
  }

  /**
   * Starts carrying runs as {@code node} (the scheduler's name too): hands back the runs this data
   * dir's previous process left running, and plans triggers that lack their firing.
   *
   * @param checkDue makes the scheduler look for due executions at once
   */
  public void start(String node, Runnable checkDue) {
    runs.startOn(node);
    tasks.onDue(checkDue);
    try {
      recovery.atStart();
      Set<String> planned = new HashSet<>(tasks.plannedTriggers());
      for (String type : List.of(Trigger.Type.CRON.wire(), Trigger.Type.POLL.wire())) {
        for (Pipeline p : repo.enabledWithTrigger(type)) {
          if (!planned.contains(p.id())) plan(p);
        }
      }
    } catch (RuntimeException e) {
      log.error("pipelines: recovery at start failed; db-scheduler revives dead runs later", e);
    }
  }

  private void plan(Pipeline p) {
    try {
      PipelineTriggers.plan(tasks, p, clock);
    } catch (RuntimeException e) {
      log.warn("pipeline {}: trigger not planned: {}", p.identifier(), e.getMessage());
    }
  }

  /** This node stops: running runs stop between files and are handed back for a resume. */
  public void stopping() {
    runs.stopping();
  }

  /** Fires pipeline {@code pipelineId}'s trigger now, as planned for {@code at} (tests' hook). */
  public void fireTrigger(String pipelineId, Instant at) {
    tasks.fireAt(pipelineId, at);
  }

  /** The next firing of the pipeline's trigger as db-scheduler holds it (tests' hook). */
  public Optional<Instant> plannedTrigger(String pipelineId) {
    return tasks.plannedTrigger(pipelineId);
  }

  @Override
  public void close() {
    runs.stopping();
    uploadEvents.shutdownNow();
  }
}
