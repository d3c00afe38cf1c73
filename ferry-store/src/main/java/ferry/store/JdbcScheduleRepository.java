package ferry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.schedule.CronSchedule;
import ferry.core.schedule.JobRun;
import ferry.core.schedule.MisfirePolicy;
import ferry.core.schedule.RunStatus;
import ferry.core.schedule.ScheduleRepository;
import ferry.core.schedule.ScheduledJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

final class JdbcScheduleRepository implements ScheduleRepository {
  private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};
  private static final TypeReference<List<String>> IDS = new TypeReference<>() {};

  private final Jdbi jdbi;

  JdbcScheduleRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(ScheduledJob j) {
    jdbi.useHandle(h -> bindJob(h.createUpdate("""
            INSERT INTO scheduled_jobs (id, name, customer, agent_id, source_path, destination_path, schedule, timezone,
                                        protocol, direction, enabled, script_name, params, misfire_policy, last_run_at,
                                        created_at, updated_at)
            VALUES (:id, :name, :customer, :agent, :src, :dst, :schedule, :tz, :protocol, :direction, :enabled,
                    :script, :params, :misfire, :last, :created, :updated)"""), j)
        .bind("customer", j.customer()).bind("agent", j.agentId()).bind("last", Sql.ts(j.lastRunAt()))
        .bind("created", Sql.ts(j.createdAt()))
        .execute());
  }

  @Override
  public boolean update(ScheduledJob j) {
    return jdbi.withHandle(h -> bindJob(h.createUpdate("""
            UPDATE scheduled_jobs SET name = :name, source_path = :src, destination_path = :dst, schedule = :schedule,
                   timezone = :tz, protocol = :protocol, direction = :direction, enabled = :enabled,
                   script_name = :script, params = :params, misfire_policy = :misfire, updated_at = :updated
            WHERE id = :id"""), j).execute()) == 1;
  }

  private static Update bindJob(Update u, ScheduledJob j) {
    return u.bind("id", j.id()).bind("name", j.name()).bind("src", j.sourcePath()).bind("dst", j.destinationPath())
        .bind("schedule", j.schedule().expression()).bind("tz", j.schedule().timezone())
        .bind("protocol", j.protocol()).bind("direction", j.direction()).bind("enabled", j.enabled())
        .bind("script", j.scriptName()).bind("params", Docs.write(j.params()))
        .bind("misfire", j.misfirePolicy().wire()).bind("updated", Sql.ts(j.updatedAt()));
  }

  @Override
  public boolean delete(String id) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("DELETE FROM job_runs WHERE job_id = :id").bind("id", id).execute();
      return h.createUpdate("DELETE FROM scheduled_jobs WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  @Override
  public Optional<ScheduledJob> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM scheduled_jobs WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> job(rs)).findOne());
  }

  @Override
  public Page<ScheduledJob> list(String customer, String agentId, Boolean enabled, PageRequest page) {
    List<String> where = new ArrayList<>();
    if (customer != null) where.add("customer = :customer");
    if (agentId != null) where.add("agent_id = :agent");
    if (enabled != null) where.add("enabled = :enabled");
    String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return jdbi.withHandle(h -> {
      var count = h.createQuery("SELECT COUNT(*) FROM scheduled_jobs" + filter);
      var rows = h.createQuery("SELECT * FROM scheduled_jobs" + filter
          + " ORDER BY created_at, id LIMIT :limit OFFSET :offset");
      for (var q : List.of(count, rows)) {
        if (customer != null) q.bind("customer", customer);
        if (agentId != null) q.bind("agent", agentId);
        if (enabled != null) q.bind("enabled", enabled);
      }
      long total = count.mapTo(Long.class).one();
      List<ScheduledJob> items = rows.bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> job(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public List<ScheduledJob> enabledServerJobs() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM scheduled_jobs WHERE enabled = TRUE AND agent_id IS NULL ORDER BY id")
        .map((rs, ctx) -> job(rs)).list());
  }

  @Override
  public void touchLastRun(String jobId, Instant at) {
    // never backwards: runs of two nodes may end in any order
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE scheduled_jobs SET last_run_at = :at
            WHERE id = :id AND (last_run_at IS NULL OR last_run_at < :at)""")
        .bind("id", jobId).bind("at", Sql.ts(at)).execute());
  }

  @Override
  public void insertRun(JobRun r) {
    Sql.unique("run " + r.id() + " or a run of its firing exists", () -> jdbi.withHandle(h -> bindRun(h.createUpdate("""
            INSERT INTO job_runs (id, job_id, agent_id, node, scheduled_at, started_at, finished_at, status,
                                  error_message, bytes, files, transfer_ids)
            VALUES (:id, :job, :agent, :node, :scheduled, :started, :finished, :status, :error, :bytes, :files,
                    :ids)"""), r)
        .bind("job", r.jobId()).bind("agent", r.agentId()).bind("node", r.node())
        .bind("scheduled", Sql.ts(r.scheduledAt())).bind("started", Sql.ts(r.startedAt()))
        .execute()));
  }

  @Override
  public Optional<JobRun> findRun(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM job_runs WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> run(rs)).findOne());
  }

  @Override
  public int failRunningServerRuns(String jobId, Instant at, String error) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE job_runs SET status = 'failed', finished_at = :at, error_message = :error
            WHERE job_id = :job AND agent_id IS NULL AND status = 'running'""")
        .bind("job", jobId).bind("at", Sql.ts(at)).bind("error", error).execute());
  }

  @Override
  public boolean updateRunning(JobRun r) {
    return jdbi.withHandle(h -> bindRun(h.createUpdate("""
            UPDATE job_runs SET finished_at = :finished, status = :status, error_message = :error, bytes = :bytes,
                   files = :files, transfer_ids = :ids
            WHERE id = :id AND status = 'running'"""), r).execute()) == 1;
  }

  private static Update bindRun(Update u, JobRun r) {
    return u.bind("id", r.id()).bind("finished", Sql.ts(r.finishedAt())).bind("status", r.status().wire())
        .bind("error", r.error()).bind("bytes", r.bytes()).bind("files", r.files())
        .bind("ids", Docs.write(r.transferIds()));
  }

  @Override
  public Page<JobRun> listRuns(String jobId, PageRequest page) {
    return jdbi.withHandle(h -> {
      long total = h.createQuery("SELECT COUNT(*) FROM job_runs WHERE job_id = :job").bind("job", jobId)
          .mapTo(Long.class).one();
      List<JobRun> items = h.createQuery("""
              SELECT * FROM job_runs WHERE job_id = :job
              ORDER BY started_at DESC, id DESC LIMIT :limit OFFSET :offset""")
          .bind("job", jobId).bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> run(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public List<String> claimTransfers(String transferJobId, String jobId, String runId, String customer) {
    return jdbi.inTransaction(h -> {
      h.createUpdate("UPDATE transfers SET run_id = :run" + (jobId == null ? "" : ", job_id = :job")
              + (customer == null ? "" : ", customer = COALESCE(customer, :customer)") + " WHERE job_id = :key")
          .bind("run", runId).bind("key", transferJobId)
          .bindMap(optional(jobId, customer))
          .execute();
      return h.createQuery("SELECT public_id FROM transfers WHERE run_id = :run ORDER BY id")
          .bind("run", runId).mapTo(String.class).list();
    });
  }

  private static Map<String, Object> optional(String jobId, String customer) {
    Map<String, Object> m = new java.util.HashMap<>();
    if (jobId != null) m.put("job", jobId);
    if (customer != null) m.put("customer", customer);
    return m;
  }

  private static ScheduledJob job(ResultSet rs) throws SQLException {
    return new ScheduledJob(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("customer"),
        rs.getString("agent_id"),
        rs.getString("source_path"),
        rs.getString("destination_path"),
        new CronSchedule(rs.getString("schedule"), rs.getString("timezone")),
        rs.getString("protocol"),
        rs.getString("direction"),
        rs.getBoolean("enabled"),
        rs.getString("script_name"),
        Docs.read(rs.getString("params"), PARAMS, "params of scheduled job " + rs.getString("id")),
        MisfirePolicy.parse(rs.getString("misfire_policy")),
        Sql.instant(rs, "last_run_at"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }

  private static JobRun run(ResultSet rs) throws SQLException {
    return new JobRun(
        rs.getString("id"),
        rs.getString("job_id"),
        rs.getString("agent_id"),
        rs.getString("node"),
        Sql.instant(rs, "scheduled_at"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"),
        RunStatus.parse(rs.getString("status")),
        rs.getString("error_message"),
        rs.getLong("bytes"),
        rs.getInt("files"),
        Docs.read(rs.getString("transfer_ids"), IDS, "transfer ids of run " + rs.getString("id")));
  }
}
