package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import ferry.core.auth.web.WebSession;
import ferry.core.auth.web.WebSessionService;
import ferry.server.schedule.WebSessionPruning;
import ferry.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ended web sessions are removed by a recurring db-scheduler task, planned once (issue 15). */
class WebSessionPruningTest {
  private Store store;
  private Scheduler scheduler;

  @BeforeEach
  void open() {
    store = Store.open("jdbc:h2:mem:" + UUID.randomUUID()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", 4);
  }

  @AfterEach
  void close() {
    if (scheduler != null) scheduler.stop();
    store.close();
  }

  @Test
  void theTaskRemovesEndedSessionsAndPlansItsNextRunTenMinutesLater() throws Exception {
    Instant now = Instant.now();
    store.webSessions().insert(session("idle", now.minus(Duration.ofHours(1)), now.minus(Duration.ofMinutes(31))));
    store.webSessions().insert(session("old", now.minus(Duration.ofHours(13)), now));
    store.webSessions().insert(session("live", now.minus(Duration.ofMinutes(5)), now));
    WebSessionService sessions = new WebSessionService(store.webSessions(), Clock.systemUTC());

    scheduler = Scheduler.create(store.dataSource(), List.of(WebSessionPruning.task(sessions)))
        .pollingInterval(Duration.ofMillis(100)).threads(1).shutdownMaxWait(Duration.ofSeconds(1)).build();
    scheduler.start();
    // planned as if the server had started one interval ago: the first run is due now
    WebSessionPruning.plan(store.dataSource(), sessions,
        Clock.offset(Clock.systemUTC(), WebSessionPruning.INTERVAL.negated()));
    WebSessionPruning.plan(store.dataSource(), sessions, Clock.systemUTC()); // a second node: no second plan

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (store.webSessions().find("old").isPresent() || store.webSessions().find("idle").isPresent()) {
      assertThat(System.nanoTime()).as("pruned within 30 s").isLessThan(deadline);
      Thread.sleep(50); // polling the condition: the task runs on the scheduler's thread
    }
    assertThat(store.webSessions().find("live")).isPresent();

    SchedulerClient client = SchedulerClient.Builder.create(store.dataSource()).build();
    TaskInstanceId id = TaskInstanceId.of(WebSessionPruning.TASK, RecurringTask.INSTANCE);
    Instant planned = waitForNextRun(client, id, now);
    assertThat(planned).isBetween(now.plus(Duration.ofMinutes(9)), now.plus(Duration.ofMinutes(11)));
    assertThat(client.getScheduledExecutionsForTask(WebSessionPruning.TASK)).hasSize(1);
  }

  private static Instant waitForNextRun(SchedulerClient client, TaskInstanceId id, Instant now) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      var e = client.getScheduledExecution(id);
      if (e.isPresent() && e.get().getExecutionTime().isAfter(now.plus(Duration.ofMinutes(1))))
        return e.get().getExecutionTime();
      assertThat(System.nanoTime()).as("rescheduled within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static WebSession session(String id, Instant created, Instant lastSeen) {
    return new WebSession(id, WebSession.Kind.USER, "u-" + id, "stamp", WebSession.Stage.READY, "192.0.2.1", created,
        lastSeen);
  }
}
