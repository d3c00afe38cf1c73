package ferry.server.pipeline;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines' db-scheduler tasks, run by the server's one scheduler: {@value #RUN} (one
 * execution per run, instance id = run id, so exactly one node carries each run; a node that dies
 * leaves its execution to db-scheduler's dead-execution revival, which resumes or interrupts the
 * run elsewhere), {@value #TRIGGER} (one per cron or poll pipeline, instance id = pipeline id,
 * planned at the next firing computed from the pipeline as stored when the last one ended) and
 * {@value #UPLOAD} (one per upload-triggered pipeline with a batch open, instance id = pipeline
 * id, moved later by each upload of the batch on any node, so a batch fires once across the
 * cluster, and survives the node that saw its uploads).
 */
final class PipelineTasks {
  private static final Logger log = LoggerFactory.getLogger(PipelineTasks.class);
  static final String RUN = "ferry-pipeline-run";
  static final String TRIGGER = "ferry-pipeline-trigger";
  static final String UPLOAD = "ferry-pipeline-upload";
  /** How long an upload waits for the batch it would move to finish starting its run. */
  static final java.time.Duration FIRING_WAIT = java.time.Duration.ofMillis(50);

  /** Carries a run on this node. */
  interface RunHandler {
    /** @return true when the run stays running (this node stops): its execution is handed back for another node */
    boolean execute(String runId);
  }

  /** Fires a pipeline's trigger. */
  interface TriggerHandler {
    void fire(String pipelineId, Instant scheduledAt);

    /** The pipeline's next firing after {@code after}, from the pipeline as stored now; empty: none. */
    Optional<Instant> next(String pipelineId, Instant after);
  }

  /** Starts the run of a pipeline's upload batch, planned for {@code at}. */
  interface UploadHandler {
    void fire(String pipelineId, Instant at);
  }

  private final CustomTask<Void> runTask;
  private final CustomTask<Void> triggerTask;
  private final CustomTask<Void> uploadTask;
  private final SchedulerClient client;
  private final Clock clock;
  private volatile Runnable checkDue = () -> {};

  PipelineTasks(DataSource dataSource, RunHandler runs, TriggerHandler triggers, UploadHandler uploads, Clock clock) {
    this.clock = clock;
    this.runTask = Tasks.custom(RUN, Void.class)
        .onFailure((complete, ops) -> ops.remove()) // the handler never throws; a bug must not loop
        .execute((TaskInstance<Void> instance, ExecutionContext ctx) -> {
          boolean release = runs.execute(instance.getId());
          return release ? (CompletionHandler<Void>) (c, ops) -> ops.reschedule(c, clock.instant())
              : (CompletionHandler<Void>) (c, ops) -> ops.remove();
        });
    this.triggerTask = Tasks.custom(TRIGGER, Void.class)
        .onFailure((complete, ops) -> planNext(triggers, complete, ops))
        .execute((TaskInstance<Void> instance, ExecutionContext ctx) -> {
          try {
            triggers.fire(instance.getId(), ctx.getExecution().getExecutionTime());
          } catch (RuntimeException e) {
            log.error("firing the trigger of pipeline {} failed", instance.getId(), e);
          }
          return (c, ops) -> planNext(triggers, c, ops);
        });
    this.uploadTask = Tasks.custom(UPLOAD, Void.class)
        .onFailure((complete, ops) -> ops.remove())
        .execute((TaskInstance<Void> instance, ExecutionContext ctx) -> {
          try {
            uploads.fire(instance.getId(), ctx.getExecution().getExecutionTime());
          } catch (RuntimeException e) {
            log.error("starting the upload batch run of pipeline {} failed", instance.getId(), e);
          }
          return (c, ops) -> ops.remove();
        });
    this.client = SchedulerClient.Builder.create(dataSource, runTask, triggerTask, uploadTask).build();
  }

  List<Task<?>> tasks() {
    return List.of(runTask, triggerTask, uploadTask);
  }

  /**
   * An upload of the pipeline's batch ended: the batch fires at {@code at}, unless a later upload
   * moves it again. When the batch is firing right now (its run being stored, milliseconds), this
   * upload waits for it and opens the next batch.
   */
  void uploadSeen(String pipelineId, Instant at) throws InterruptedException {
    TaskInstance<Void> instance = uploadTask.instance(pipelineId);
    for (int tries = 0; tries < 100; tries++) {
      try {
        if (!client.reschedule(instance, at)) client.scheduleIfNotExists(instance, at);
        return;
      } catch (TaskInstanceNotFoundException e) {
        client.scheduleIfNotExists(instance, at);
        return;
      } catch (TaskInstanceCurrentlyExecutingException e) {
        Thread.sleep(FIRING_WAIT.toMillis());
      }
    }
    log.warn("pipeline {}: an upload batch kept firing for 5 s; the next upload's run picks this one's files",
        pipelineId);
  }

  /** How to make the started scheduler look at due executions at once. */
  void onDue(Runnable check) {
    this.checkDue = check;
  }

  /** Has a node pick up run {@code runId} now. */
  void queue(String runId) {
    client.scheduleIfNotExists(runTask.instance(runId), clock.instant());
    checkDue.run();
  }

  boolean hasExecution(String runId) {
    return client.getScheduledExecution(runTask.instance(runId)).isPresent();
  }

  /** Drops a queued run's execution (not yet picked); a picked one finds its run ended. */
  void dropQueued(String runId) {
    try {
      client.cancel(runTask.instance(runId));
    } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
      // gone, or running: the run's end is stored already and its execution sees it
    }
  }

  /** Plans the pipeline's trigger at {@code at}, or drops it when empty. */
  void planTrigger(String pipelineId, Optional<Instant> at) {
    TaskInstance<Void> instance = triggerTask.instance(pipelineId);
    try {
      if (at.isEmpty()) {
        client.cancel(instance);
      } else if (!client.reschedule(instance, at.get())) {
        client.scheduleIfNotExists(instance, at.get());
      }
    } catch (TaskInstanceNotFoundException e) {
      at.ifPresent(t -> client.scheduleIfNotExists(instance, t));
    } catch (TaskInstanceCurrentlyExecutingException e) {
      // firing now: it plans its next from the pipeline as stored when it ends
    }
  }

  /** Fires the pipeline's trigger now, as planned for {@code at} (tests' hook, like JobScheduler.fireAt). */
  void fireAt(String pipelineId, Instant at) {
    TaskInstance<Void> instance = triggerTask.instance(pipelineId);
    if (!client.reschedule(instance, at)) client.scheduleIfNotExists(instance, at);
    checkDue.run();
  }

  Optional<Instant> plannedTrigger(String pipelineId) {
    return client.getScheduledExecution(triggerTask.instance(pipelineId)).map(e -> e.getExecutionTime());
  }

  /** Ids of pipelines with a planned trigger. */
  List<String> plannedTriggers() {
    return client.getScheduledExecutionsForTask(TRIGGER).stream().map(e -> e.getTaskInstance().getId()).toList();
  }

  private void planNext(TriggerHandler triggers, ExecutionComplete complete, ExecutionOperations<Void> ops) {
    Instant done = complete.getTimeDone();
    Instant planned = complete.getExecution().getExecutionTime();
    Optional<Instant> next;
    try {
      next = triggers.next(complete.getExecution().taskInstance.getId(), done.isAfter(planned) ? done : planned);
    } catch (RuntimeException e) {
      log.error("planning the next firing of pipeline {} failed", complete.getExecution().taskInstance.getId(), e);
      next = Optional.of(clock.instant().plusSeconds(60)); // try again later rather than lose the trigger
    }
    if (next.isPresent()) ops.reschedule(complete, next.get());
    else ops.remove();
  }
}
