package ferry.server.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import ferry.core.auth.web.WebSessionService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes ended web sessions (idle or too old) every {@link #INTERVAL}: one recurring db-scheduler
 * task on the server's scheduler, so one node of a cluster prunes each time. A session that has
 * ended is refused when used anyway; this only keeps the table small (issue 15).
 */
public final class WebSessionPruning {
  private static final Logger log = LoggerFactory.getLogger(WebSessionPruning.class);
  public static final String TASK = "ferry-web-session-prune";
  public static final Duration INTERVAL = Duration.ofMinutes(10);

  private WebSessionPruning() {}

  /** The task; give it to the scheduler before it starts. */
  public static RecurringTask<Void> task(WebSessionService sessions) {
    return Tasks.recurring(TASK, FixedDelay.of(INTERVAL)).execute((instance, ctx) -> prune(sessions));
  }

  /** Plans the first run unless one is planned (by this node before, or by another). */
  public static void plan(DataSource dataSource, WebSessionService sessions, Clock clock) {
    SchedulerClient client = SchedulerClient.Builder.create(dataSource, List.of(task(sessions))).build();
    client.scheduleIfNotExists(new TaskInstance<Void>(TASK, RecurringTask.INSTANCE), clock.instant().plus(INTERVAL));
  }

  private static void prune(WebSessionService sessions) {
    try {
      int n = sessions.prune();
      if (n > 0) log.info("removed {} ended web sessions", n);
    } catch (RuntimeException e) {
      log.warn("pruning web sessions failed; the next run tries again", e);
    }
  }
}
