package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ConflictException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.schedule.CronSchedule;
import ferry.core.schedule.JobRun;
import ferry.core.schedule.MisfirePolicy;
import ferry.core.schedule.RunStatus;
import ferry.core.schedule.ScheduledJob;
import ferry.core.transfer.TransferRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scheduled jobs and their runs on every supported database; subclassed for H2 and PostgreSQL. */
abstract class ScheduleStoreContract extends OpenStore {
  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123456Z");

  @Test
  void jobsRoundTripAndFilter() {
    ScheduledJob server = job(null, null, true);
    ScheduledJob agent = job("alice", "agent-1", false);
    store.schedules().insert(server);
    store.schedules().insert(agent);
    assertThat(store.schedules().find(agent.id())).contains(agent);
    assertThat(ids(store.schedules().list("alice", null, null, new PageRequest(1, 10)))).containsExactly(agent.id());
    assertThat(ids(store.schedules().list(null, "agent-1", false, new PageRequest(1, 10)))).containsExactly(agent.id());
    assertThat(ids(store.schedules().list(null, null, true, new PageRequest(1, 10)))).containsExactly(server.id());
    assertThat(store.schedules().list(null, null, null, new PageRequest(2, 1)).total()).isEqualTo(2);
    assertThat(store.schedules().enabledServerJobs()).extracting(ScheduledJob::id).containsExactly(server.id());

    ScheduledJob changed = new ScheduledJob(server.id(), "renamed", null, null, "a:/x", "b:/y",
        new CronSchedule("@hourly", "Europe/Paris"), "JOB", null, false, null, Map.of(), MisfirePolicy.SKIP, null,
        server.createdAt(), T0.plusSeconds(5));
    assertThat(store.schedules().update(changed)).isTrue();
    assertThat(store.schedules().find(server.id())).contains(changed);
    assertThat(store.schedules().delete(server.id())).isTrue();
    assertThat(store.schedules().delete(server.id())).isFalse();
  }

  @Test
  void aFiringHasOneRunAndRunsEndOnce() {
    ScheduledJob j = job(null, null, true);
    store.schedules().insert(j);
    JobRun first = run(j.id(), T0);
    store.schedules().insertRun(first);
    assertThatThrownBy(() -> store.schedules().insertRun(run(j.id(), T0))).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.schedules().insertRun(first)).isInstanceOf(ConflictException.class);
    store.schedules().insertRun(run(j.id(), null));
    store.schedules().insertRun(run(j.id(), null)); // runs without a firing time never collide

    JobRun done = first.finished(RunStatus.COMPLETED, T0.plusSeconds(1), null, 10, 1, List.of("1", "2"));
    assertThat(store.schedules().updateRunning(done)).isTrue();
    assertThat(store.schedules().updateRunning(done.finished(RunStatus.FAILED, T0, "x", 0, 0, List.of()))).isFalse();
    assertThat(store.schedules().findRun(first.id())).contains(done);
    assertThat(store.schedules().listRuns(j.id(), new PageRequest(1, 10)).total()).isEqualTo(3);

    // the two runs without firing time are still running: a new firing's start ends them
    assertThat(store.schedules().failRunningServerRuns(j.id(), T0.plusSeconds(2), "interrupted")).isEqualTo(2);
    assertThat(store.schedules().failRunningServerRuns(j.id(), T0.plusSeconds(2), "interrupted")).isZero();
    assertThat(store.schedules().findRun(first.id()).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
    store.schedules().touchLastRun(j.id(), T0.plusSeconds(9));
    store.schedules().touchLastRun(j.id(), T0); // never backwards
    assertThat(store.schedules().find(j.id()).orElseThrow().lastRunAt()).isEqualTo(T0.plusSeconds(9));
    assertThat(store.schedules().delete(j.id())).isTrue(); // with its runs
    assertThat(store.schedules().findRun(first.id())).isEmpty();
  }

  @Test
  void transferIdsFollowTheirJobId() {
    String key = UUID.randomUUID().toString().replace("-", "");
    for (String name : List.of("a", "b")) {
      store.transfers().insert(TransferRecord.job(key, "src", "/" + name, "dst", "/" + name, 3, Duration.ZERO, null,
          true, null, T0));
    }
    String job = UUID.randomUUID().toString();
    String run = UUID.randomUUID().toString();
    List<String> ids = store.schedules().claimTransfers(key, job, run, "alice");
    assertThat(ids).hasSize(2).doesNotHaveDuplicates().allMatch(id -> id.matches("[0-9a-f-]{36}"));
    assertThat(store.schedules().claimTransfers(key, job, UUID.randomUUID().toString(), null)).isEmpty();
    try (var h = store.dataSource().getConnection(); var s = h.createStatement();
         var rs = s.executeQuery("SELECT job_id, run_id, customer FROM transfers")) {
      while (rs.next()) {
        assertThat(rs.getString(1)).isEqualTo(job);
        assertThat(rs.getString(2)).isEqualTo(run);
        assertThat(rs.getString(3)).isEqualTo("alice");
      }
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void schedulersTableIsThere() throws Exception {
    try (var c = store.dataSource().getConnection(); var s = c.createStatement();
         var rs = s.executeQuery("SELECT COUNT(*) FROM scheduled_tasks")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  private static List<String> ids(Page<ScheduledJob> page) {
    return page.items().stream().map(ScheduledJob::id).toList();
  }

  private static ScheduledJob job(String customer, String agentId, boolean enabled) {
    return new ScheduledJob(UUID.randomUUID().toString(), "job", customer, agentId, "inbox:/a",
        agentId == null ? "archive:/b" : "/local", new CronSchedule("*/5 * * * *", "UTC"), "JOB",
        agentId == null ? null : "pull", enabled, null, Map.of("k", "v"), MisfirePolicy.RUN_ONCE, null, T0, T0);
  }

  private static JobRun run(String jobId, Instant scheduledAt) {
    return new JobRun(UUID.randomUUID().toString(), jobId, null, "node-1", scheduledAt, T0, null, RunStatus.RUNNING,
        null, 0, 0, List.of());
  }
}
