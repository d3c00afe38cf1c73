package ferry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.job.Job;
import ferry.core.job.JobFilter;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobRepository;
import ferry.core.job.JobStatus;
import ferry.core.job.JobSummary;
import ferry.core.job.JobTrigger;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

final class JdbcJobRepository implements JobRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};
  private static final String RUNNING = "running";
  private static final String QUEUED = "queued";
  private static final String FINAL = "status IN ('completed', 'failed', 'cancelled', 'interrupted')";
  // Listings never read a job's source or params, which may be large.
  private static final String SUMMARY_COLUMNS = """
      id, script_id, script_name, file_path, trigger_kind, status, exit_code, error_message, owner_id, node,
      created_at, started_at, finished_at""";

  // The statements every job runs go through plain JDBC (see Jdbc).
  private static final String INSERT = """
      INSERT INTO jobs (id, script_id, script_name, script_key, file_path, source, params,
                        trigger_kind, status, owner_id, node, created_at, started_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
  private static final String CLAIM_BY_ID = """
      UPDATE jobs SET status = 'running', node = ?, started_at = ? WHERE id = ? AND status = 'queued'""";
  private static final String FINISH = """
      UPDATE jobs SET status = ?, exit_code = ?, error_message = ?, finished_at = ?
      WHERE id = ? AND status = 'running'""";
  private static final String INSERT_LOG = """
      INSERT INTO job_logs (job_id, seq, logged_at, log_level, message) VALUES (?, ?, ?, ?, ?)""";

  private final Jdbi jdbi;
  private final SqlDialect dialect;

  JdbcJobRepository(Jdbi jdbi, SqlDialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public void insert(Job j) {
    jdbi.useHandle(h -> Jdbc.update(h, INSERT, ps -> {
      ps.setString(1, j.id());
      ps.setString(2, j.scriptId());
      ps.setString(3, j.scriptName());
      ps.setString(4, JdbcScriptRepository.key(j.scriptName()));
      ps.setString(5, j.filePath());
      ps.setString(6, j.source());
      ps.setString(7, toJson(j.params()));
      ps.setString(8, j.trigger().wire());
      ps.setString(9, j.status().wire());
      ps.setString(10, j.owner());
      ps.setString(11, j.node());
      Jdbc.setInstant(ps, 12, j.createdAt());
      Jdbc.setInstant(ps, 13, j.startedAt());
    }));
  }

  @Override
  public Optional<Job> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM jobs WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public Page<JobSummary> list(JobFilter f, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE 1=1");
    if (f.status() != null) where.append(" AND status = :status");
    if (f.scriptName() != null) where.append(" AND script_key = :skey");
    if (f.owner() != null) where.append(" AND owner_id = :owner");
    return jdbi.withHandle(h -> {
      long total = bindFilter(h.createQuery("SELECT COUNT(*) FROM jobs" + where), f).mapTo(Long.class).one();
      List<JobSummary> items = bindFilter(h.createQuery(
              "SELECT " + SUMMARY_COLUMNS + " FROM jobs" + where + " ORDER BY seq DESC LIMIT :lim OFFSET :off"), f)
          .bind("lim", page.limit()).bind("off", page.offset())
          .map((rs, ctx) -> summary(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  private static Query bindFilter(Query q, JobFilter f) {
    if (f.status() != null) q.bind("status", f.status().wire());
    if (f.scriptName() != null) q.bind("skey", JdbcScriptRepository.key(f.scriptName()));
    if (f.owner() != null) q.bind("owner", f.owner());
    return q;
  }

  @Override
  public List<Job> claim(String node, int max, Instant now) {
    return switch (dialect) {
      case POSTGRES -> jdbi.inTransaction(h -> h.createQuery("""
              WITH claimed AS (
                UPDATE jobs SET status = 'running', node = :node, started_at = :now
                WHERE id IN (SELECT id FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT :max
                             FOR UPDATE SKIP LOCKED)
                RETURNING *)
              SELECT * FROM claimed ORDER BY seq""")
          .bind("node", node).bind("now", Sql.ts(now)).bind("max", max)
          .map((rs, ctx) -> map(rs)).list());
      case H2 -> claimOnH2(node, max, now);
    };
  }

  /**
   * H2: no SKIP LOCKED (buggy there with an index on status). The oldest queued ids come from the
   * (status, seq) index, then one UPDATE moves those still queued, by primary key, and returns
   * them; the {@code status = 'queued'} re-check under each row's lock keeps two claimers from
   * moving the same job. (A single UPDATE with a subquery made H2 scan the whole table.)
   */
  private List<Job> claimOnH2(String node, int max, Instant now) {
    return jdbi.withHandle(h -> {
      List<String> ids = h.createQuery("SELECT id FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT :max")
          .bind("max", max).mapTo(String.class).list();
      if (ids.isEmpty()) return List.of();
      return h.createQuery("""
              SELECT * FROM FINAL TABLE (
                UPDATE jobs SET status = 'running', node = :node, started_at = :now
                WHERE id IN (<ids>) AND status = 'queued')
              ORDER BY seq""")
          .bindList("ids", ids).bind("node", node).bind("now", Sql.ts(now))
          .map((rs, ctx) -> map(rs)).list();
    });
  }

  @Override
  public boolean claim(String id, String node, Instant now) {
    return jdbi.withHandle(h -> Jdbc.update(h, CLAIM_BY_ID, ps -> {
      ps.setString(1, node);
      Jdbc.setInstant(ps, 2, now);
      ps.setString(3, id);
    })) == 1;
  }

  @Override
  public boolean finish(String id, JobStatus status, int exitCode, String error, Instant now, List<JobLogLine> lastLines) {
    return jdbi.inTransaction(h -> {
      int n = Jdbc.update(h, FINISH, ps -> {
        ps.setString(1, status.wire());
        ps.setInt(2, exitCode);
        ps.setString(3, clip(error, 8000));
        Jdbc.setInstant(ps, 4, now);
        ps.setString(5, id);
      });
      if (n == 1) insertLog(h, id, lastLines);
      return n == 1;
    });
  }

  @Override
  public boolean cancelQueued(String id, Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE jobs SET status = 'cancelled', exit_code = 1, error_message = 'cancelled before it started',
                            finished_at = :now
            WHERE id = :id AND status = 'queued'""")
        .bind("id", id).bind("now", Sql.ts(now)).execute()) == 1;
  }

  @Override
  public boolean requestCancel(String id) {
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE jobs SET cancel_requested = TRUE WHERE id = :id AND status = 'running'")
        .bind("id", id).execute()) == 1;
  }

  @Override
  public List<String> cancelRequested(String node) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT id FROM jobs WHERE node = :node AND status = 'running' AND cancel_requested")
        .bind("node", node).mapTo(String.class).list());
  }

  @Override
  public void appendLog(String jobId, List<JobLogLine> lines) {
    if (!lines.isEmpty()) jdbi.useHandle(h -> insertLog(h, jobId, lines));
  }

  private static void insertLog(Handle h, String jobId, List<JobLogLine> lines) {
    if (lines.isEmpty()) return;
    Jdbc.batch(h, INSERT_LOG, lines, (ps, l) -> {
      ps.setString(1, jobId);
      ps.setLong(2, l.seq());
      Jdbc.setInstant(ps, 3, l.time());
      ps.setString(4, l.level());
      ps.setString(5, clip(l.message(), 16384));
    });
  }

  @Override
  public List<JobLogLine> log(String jobId, long afterSeq, int limit) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM job_logs WHERE job_id = :j AND seq > :s ORDER BY seq LIMIT :lim")
        .bind("j", jobId).bind("s", afterSeq).bind("lim", limit)
        .map((rs, ctx) -> new JobLogLine(rs.getLong("seq"), Sql.instant(rs, "logged_at"),
            rs.getString("log_level"), rs.getString("message")))
        .list());
  }

  @Override
  public int pruneFinishedBefore(Instant cutoff, int max) {
    return jdbi.withHandle(h -> {
      List<String> ids = h.createQuery("SELECT id FROM jobs WHERE finished_at < :cutoff AND " + FINAL
              + " ORDER BY finished_at LIMIT :max")
          .bind("cutoff", Sql.ts(cutoff)).bind("max", max).mapTo(String.class).list();
      if (ids.isEmpty()) return 0;
      return h.inTransaction(tx -> {
        tx.createUpdate("DELETE FROM job_logs WHERE job_id IN (<ids>)").bindList("ids", ids).execute();
        return tx.createUpdate("DELETE FROM jobs WHERE id IN (<ids>) AND " + FINAL).bindList("ids", ids).execute();
      });
    });
  }

  @Override
  public int pruneFinishedBeyond(int keepNewest, int max) {
    if (keepNewest < 1) throw new IllegalArgumentException("keepNewest must be at least 1, got " + keepNewest);
    // The finish time of the oldest job kept; jobs that finished before it are beyond the newest.
    Optional<Instant> oldestKept = jdbi.withHandle(h -> h.createQuery(
            "SELECT finished_at FROM jobs WHERE finished_at IS NOT NULL AND " + FINAL
                + " ORDER BY finished_at DESC LIMIT 1 OFFSET :skip")
        .bind("skip", keepNewest - 1).map((rs, ctx) -> Sql.instant(rs, "finished_at")).findOne());
    return oldestKept.map(t -> pruneFinishedBefore(t, max)).orElse(0);
  }

  @Override
  public void heartbeat(String node, Instant now) {
    jdbi.useHandle(h -> {
      int n = h.createUpdate("UPDATE nodes SET heartbeat_at = :t WHERE id = :id")
          .bind("id", node).bind("t", Sql.ts(now)).execute();
      if (n == 0)
        h.createUpdate("INSERT INTO nodes (id, heartbeat_at) VALUES (:id, :t)")
            .bind("id", node).bind("t", Sql.ts(now)).execute();
    });
  }

  @Override
  public void removeNode(String node) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM nodes WHERE id = :id").bind("id", node).execute());
  }

  @Override
  public int interruptOrphans(String self, Instant staleBefore, String reason, Instant now) {
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("""
              UPDATE jobs SET status = 'interrupted', exit_code = 1, error_message = :reason, finished_at = :now
              WHERE status = 'running' AND node <> :self
                AND node NOT IN (SELECT id FROM nodes WHERE heartbeat_at >= :stale)""")
          .bind("self", self).bind("stale", Sql.ts(staleBefore)).bind("reason", reason)
          .bind("now", Sql.ts(now)).execute();
      h.createUpdate("DELETE FROM nodes WHERE id <> :self AND heartbeat_at < :stale")
          .bind("self", self).bind("stale", Sql.ts(staleBefore)).execute();
      return n;
    });
  }

  private static Job map(ResultSet rs) throws SQLException {
    return new Job(
        rs.getString("id"),
        rs.getString("script_id"),
        rs.getString("script_name"),
        rs.getString("file_path"),
        rs.getString("source"),
        fromJson(rs.getString("params")),
        JobTrigger.parse(rs.getString("trigger_kind")),
        JobStatus.parse(rs.getString("status")),
        Sql.intOrNull(rs, "exit_code"),
        rs.getString("error_message"),
        rs.getString("owner_id"),
        rs.getString("node"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"));
  }

  private static JobSummary summary(ResultSet rs) throws SQLException {
    return new JobSummary(
        rs.getString("id"),
        rs.getString("script_id"),
        rs.getString("script_name"),
        rs.getString("file_path"),
        JobTrigger.parse(rs.getString("trigger_kind")),
        JobStatus.parse(rs.getString("status")),
        Sql.intOrNull(rs, "exit_code"),
        rs.getString("error_message"),
        rs.getString("owner_id"),
        rs.getString("node"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "finished_at"));
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static String toJson(Map<String, String> params) {
    try {
      return JSON.writeValueAsString(params);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("params cannot be written as JSON", e);
    }
  }

  private static Map<String, String> fromJson(String s) {
    try {
      return JSON.readValue(s, PARAMS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored params are not JSON", e);
    }
  }
}
