package ferry.server.schedule;

import static java.util.Objects.requireNonNull;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import ferry.core.schedule.SchedulePlanner;
import ferry.core.schedule.ScheduledJob;
import ferry.core.schedule.ServerFirings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires server jobs with db-scheduler on the server's own database: ONE task type, one instance
 * per job (instance id = job id), whose row holds the job's next firing. Every node polls the
 * same table and db-scheduler lets one node pick each due firing, so a firing runs once across
 * the cluster. The schedule itself persists with the job: after each run (and after a change)
 * the next firing is computed from the job as stored then, so an edit made while a firing runs
 * is never undone by it, and a deleted or disabled job's instance ends with its next firing.
 *
 * <p>Planning ({@link SchedulePlanner}) works in any process; firing only after {@link #start}.
 */
public final class JobScheduler implements SchedulePlanner, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
  static final String TASK = "ferry-scheduled-job";
  public static final int DEFAULT_THREADS = 8;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
  /** A node silent for 4 heartbeats is dead and its firings are taken over (and found run already). */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final DataSource dataSource;
  private final ServerFirings firings;
  private final ServerJobRunner runner;
  private final Clock clock;
  private final CustomTask<Void> task;
  private final SchedulerClient client;
  private volatile Scheduler scheduler;
  /** Other tasks run by the same scheduler (the pipelines' runs and triggers, issue 14). */
  private final java.util.List<com.github.kagkarlsson.scheduler.task.Task<?>> others =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile String node = "unstarted";

  public JobScheduler(DataSource dataSource, ServerFirings firings, ServerJobRunner runner, Clock clock) {
    this.dataSource = requireNonNull(dataSource, "No data source");
    this.firings = requireNonNull(firings, "No firings");
    this.runner = requireNonNull(runner, "No runner");
    this.clock = requireNonNull(clock, "No clock");
    this.task = Tasks.custom(TASK, Void.class)
        .onFailure((complete, ops) -> planNext(complete.getExecution().taskInstance.getId(), complete, ops))
        .execute(this::execute);
    this.client = SchedulerClient.Builder.create(dataSource, task).build();
  }

  /**
   * Starts firing on this node, named {@code node} in runs and db-scheduler's picked_by, after
   * putting back any enabled job's missing firing (a change whose planning failed).
   */
  public synchronized void start(String node) {
    if (scheduler != null) return;
    this.node = requireNonNull(node, "No node name");
    reconcile();
    java.util.List<com.github.kagkarlsson.scheduler.task.Task<?>> tasks = new java.util.ArrayList<>(others);
    tasks.add(task);
    Scheduler s = Scheduler.create(dataSource, tasks)
        .schedulerName(new SchedulerName.Fixed(node))
        .threads(DEFAULT_THREADS)
        .pollingInterval(DEFAULT_POLL_INTERVAL)
        .heartbeatInterval(HEARTBEAT)
        .enableImmediateExecution()
        .shutdownMaxWait(Duration.ofSeconds(10))
        .build();
    s.start();
    scheduler = s;
  }

  /** Has this node's scheduler run {@code tasks} too, on the same table and threads; call before {@link #start}. */
  public void alsoRun(java.util.List<? extends com.github.kagkarlsson.scheduler.task.Task<?>> tasks) {
    others.addAll(tasks);
  }

  /** Makes the started scheduler look for due executions now (one just planned), not at its next poll. */
  public void checkDue() {
    Scheduler s = scheduler;
    if (s != null) s.triggerCheckForDueExecutions();
  }

  /** Stops firing on this node; firings it was running end first (up to a short wait). */
  public synchronized void stop() {
    Scheduler s = scheduler;
    scheduler = null;
    if (s != null) s.stop();
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public void changed(ScheduledJob job) {
    Optional<Instant> next = job.isServerJob() && job.enabled() ? job.schedule().next(clock.instant()) : Optional.empty();
    if (next.isEmpty()) {
      removed(job.id());
      return;
    }
    TaskInstance<Void> instance = task.instance(job.id());
    try {
      if (!client.reschedule(instance, next.get())) client.scheduleIfNotExists(instance, next.get());
    } catch (TaskInstanceNotFoundException e) {
      client.scheduleIfNotExists(instance, next.get());
    } catch (TaskInstanceCurrentlyExecutingException e) {
      // the running firing plans the next from the job as stored when it ends
      log.debug("scheduled job {} changed while firing; the next firing follows when it ends", job.id());
    }
  }

  @Override
  public void removed(String jobId) {
    try {
      client.cancel(task.instance(jobId));
    } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
      // not planned, or running: the firing finds the job gone and plans no next one
    }
  }

  /** Fires the job now instead of at its next time (tests, and a future "run now"). */
  public void fireNow(String jobId) {
    fireAt(jobId, clock.instant());
  }

  /** Moves the job's next firing to {@code at}; a time past makes it due now, and late by that much. */
  public void fireAt(String jobId, Instant at) {
    TaskInstance<Void> instance = task.instance(jobId);
    if (!client.reschedule(instance, at)) client.scheduleIfNotExists(instance, at);
    Scheduler s = scheduler;
    if (s != null) s.triggerCheckForDueExecutions();
  }

  /** When the job fires next as db-scheduler holds it; empty when it has no planned firing. */
  public Optional<Instant> plannedAt(String jobId) {
    return client.getScheduledExecution(task.instance(jobId)).map(e -> e.getExecutionTime());
  }

  private void reconcile() {
    Set<String> planned = client.getScheduledExecutionsForTask(TASK).stream()
        .map(e -> e.getTaskInstance().getId()).collect(Collectors.toSet());
    for (ScheduledJob job : firings.enabledServerJobs()) {
      if (!planned.contains(job.id())) changed(job);
    }
  }

  private CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext ctx) {
    String jobId = instance.getId();
    try {
      runner.fire(jobId, ctx.getExecution().getExecutionTime(), node);
    } catch (RuntimeException e) {
      log.error("firing scheduled job {} failed", jobId, e); // the runner records its own failures; a bug
    }
    return (complete, ops) -> planNext(jobId, complete, ops);
  }

  private void planNext(String jobId, ExecutionComplete complete, ExecutionOperations<Void> ops) {
    Optional<ScheduledJob> job = firings.find(jobId).filter(j -> j.enabled() && j.isServerJob());
    Instant after = max(complete.getTimeDone(), complete.getExecution().getExecutionTime());
    Optional<Instant> next = job.flatMap(j -> j.schedule().next(after));
    if (next.isPresent()) ops.reschedule(complete, next.get());
    else ops.remove();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
