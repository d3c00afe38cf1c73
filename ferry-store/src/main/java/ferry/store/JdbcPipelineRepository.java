package ferry.store;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.core.pipeline.PipelineVersion;
import ferry.core.pipeline.RunFile;
import ferry.core.pipeline.RunStep;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/** Pipelines, versions, runs, steps, delivered files and seen keys (V16); rows are mapped in {@link PipelineRows}. */
final class JdbcPipelineRepository implements PipelineRepository {
  private final Jdbi jdbi;

  JdbcPipelineRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Pipeline p, PipelineVersion first) {
    Sql.unique("a pipeline with identifier " + p.identifier() + " already exists", () -> jdbi.inTransaction(h -> {
      h.createUpdate("""
              INSERT INTO pipelines (id, identifier, owner_key, name, description, customer, enabled, version, yaml,
                                     trigger_type, created_by, created_at, updated_at)
              VALUES (:id, :identifier, :owner, :name, :description, :customer, :enabled, :version, :yaml, :trigger,
                      :createdBy, :created, :updated)""")
          .bind("id", p.id()).bind("identifier", p.identifier()).bind("owner", ownerKey(p.customer()))
          .bind("name", p.name()).bind("description", p.description()).bind("customer", p.customer())
          .bind("enabled", p.enabled()).bind("version", p.version()).bind("yaml", p.yaml())
          .bind("trigger", p.triggerType()).bind("createdBy", p.createdBy()).bind("created", Sql.ts(p.createdAt()))
          .bind("updated", Sql.ts(p.updatedAt()))
          .execute();
      insertVersion(h, first);
      return null;
    }));
  }

  private static void insertVersion(Handle h, PipelineVersion v) {
    h.createUpdate("""
            INSERT INTO pipeline_versions (pipeline_id, version, yaml, created_by, created_at)
            VALUES (:id, :version, :yaml, :by, :at)""")
        .bind("id", v.pipelineId()).bind("version", v.version()).bind("yaml", v.yaml()).bind("by", v.createdBy())
        .bind("at", Sql.ts(v.createdAt()))
        .execute();
  }

  @Override
  public boolean updateYaml(Pipeline p, PipelineVersion next, int expectedVersion) {
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("""
              UPDATE pipelines SET version = :version, yaml = :yaml, trigger_type = :trigger, updated_at = :updated
              WHERE id = :id AND version = :expected""")
          .bind("id", p.id()).bind("version", p.version()).bind("yaml", p.yaml()).bind("trigger", p.triggerType())
          .bind("updated", Sql.ts(p.updatedAt())).bind("expected", expectedVersion)
          .execute();
      if (n != 1) return false;
      insertVersion(h, next);
      return true;
    });
  }

  @Override
  public boolean updateMetadata(Pipeline p) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE pipelines SET name = :name, description = :description, enabled = :enabled, updated_at = :updated
            WHERE id = :id""")
        .bind("id", p.id()).bind("name", p.name()).bind("description", p.description()).bind("enabled", p.enabled())
        .bind("updated", Sql.ts(p.updatedAt()))
        .execute()) == 1;
  }

  @Override
  public boolean delete(String id) {
    // explicit children first, so the delete does not depend on the cascades alone
    return jdbi.inTransaction(h -> {
      for (String sql : List.of(
          "DELETE FROM pipeline_run_files WHERE run_id IN (SELECT id FROM pipeline_runs WHERE pipeline_id = :id)",
          "DELETE FROM pipeline_run_steps WHERE run_id IN (SELECT id FROM pipeline_runs WHERE pipeline_id = :id)",
          "DELETE FROM pipeline_runs WHERE pipeline_id = :id",
          "DELETE FROM pipeline_seen WHERE pipeline_id = :id",
          "DELETE FROM pipeline_versions WHERE pipeline_id = :id")) {
        h.createUpdate(sql).bind("id", id).execute();
      }
      return h.createUpdate("DELETE FROM pipelines WHERE id = :id").bind("id", id).execute() == 1;
    });
  }

  @Override
  public Optional<Pipeline> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM pipelines WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> PipelineRows.pipeline(rs)).findOne());
  }

  @Override
  public Page<Pipeline> list(String customer, Boolean enabled, String search, PageRequest page) {
    List<String> where = new ArrayList<>();
    Map<String, Object> args = new HashMap<>();
    if (customer != null) {
      where.add("customer = :customer");
      args.put("customer", customer);
    }
    if (enabled != null) {
      where.add("enabled = :enabled");
      args.put("enabled", enabled);
    }
    if (search != null && !search.isBlank()) {
      // '!' escapes: JDBI's statement parser would take a backslash in the SQL for its own escape
      where.add("(LOWER(identifier) LIKE :q ESCAPE '!' OR LOWER(name) LIKE :q ESCAPE '!'"
          + " OR LOWER(description) LIKE :q ESCAPE '!')");
      args.put("q", "%" + likeEscaped(search.toLowerCase(Locale.ROOT)) + "%");
    }
    String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return jdbi.withHandle(h -> {
      long total = h.createQuery("SELECT COUNT(*) FROM pipelines" + filter).bindMap(args).mapTo(Long.class).one();
      List<Pipeline> items = h.createQuery("SELECT * FROM pipelines" + filter
              + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
          .bindMap(args).bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> PipelineRows.pipeline(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  static String likeEscaped(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  @Override
  public List<Pipeline> enabledWithTrigger(String triggerType) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM pipelines WHERE enabled = TRUE AND trigger_type = :t ORDER BY id")
        .bind("t", triggerType).map((rs, ctx) -> PipelineRows.pipeline(rs)).list());
  }

  @Override
  public Page<PipelineVersion> versions(String pipelineId, PageRequest page) {
    return jdbi.withHandle(h -> {
      long total = h.createQuery("SELECT COUNT(*) FROM pipeline_versions WHERE pipeline_id = :id")
          .bind("id", pipelineId).mapTo(Long.class).one();
      List<PipelineVersion> items = h.createQuery("""
              SELECT * FROM pipeline_versions WHERE pipeline_id = :id
              ORDER BY version DESC LIMIT :limit OFFSET :offset""")
          .bind("id", pipelineId).bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> PipelineRows.version(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public Optional<PipelineVersion> version(String pipelineId, int version) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM pipeline_versions WHERE pipeline_id = :id AND version = :v")
        .bind("id", pipelineId).bind("v", version).map((rs, ctx) -> PipelineRows.version(rs)).findOne());
  }

  @Override
  public boolean insertRun(PipelineRun r) {
    try {
      jdbi.useHandle(h -> bindRun(h.createUpdate("""
              INSERT INTO pipeline_runs (id, pipeline_id, version, status, trigger, trigger_key, triggered_by, node,
                                         completed_steps, bytes_in, bytes_out, files, error, created_at, started_at,
                                         ended_at)
              VALUES (:id, :pipeline, :version, :status, :trigger, :key, :by, :node, :steps, :in, :out, :files,
                      :error, :created, :started, :ended)"""), r)
          .bind("pipeline", r.pipelineId()).bind("version", r.version()).bind("trigger", r.trigger())
          .bind("key", r.triggerKey()).bind("by", r.triggeredBy()).bind("created", Sql.ts(r.createdAt()))
          .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) return false;
      throw e;
    }
  }

  private static final String UPDATE_RUN = """
      UPDATE pipeline_runs SET status = :status, node = :node, completed_steps = :steps, bytes_in = :in,
             bytes_out = :out, files = :files, error = :error, started_at = :started, ended_at = :ended
      WHERE id = :id""";

  @Override
  public boolean updateRun(PipelineRun r) {
    return jdbi.withHandle(h -> bindRun(h.createUpdate(UPDATE_RUN), r).execute()) == 1;
  }

  @Override
  public boolean updateRunIf(PipelineRun r, PipelineRunStatus expected) {
    return jdbi.withHandle(h -> bindRun(h.createUpdate(UPDATE_RUN + " AND status = :expected"), r)
        .bind("expected", expected.wire()).execute()) == 1;
  }

  private static Update bindRun(Update u, PipelineRun r) {
    return u.bind("id", r.id()).bind("status", r.status().wire()).bind("node", r.node())
        .bind("steps", r.completedSteps()).bind("in", r.bytesIn()).bind("out", r.bytesOut()).bind("files", r.files())
        .bind("error", r.error()).bind("started", Sql.ts(r.startedAt())).bind("ended", Sql.ts(r.endedAt()));
  }

  @Override
  public Optional<PipelineRun> findRun(String runId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM pipeline_runs WHERE id = :id")
        .bind("id", runId).map((rs, ctx) -> PipelineRows.run(rs)).findOne());
  }

  @Override
  public Page<PipelineRun> runs(String pipelineId, PageRequest page) {
    return runs(pipelineId, null, page);
  }

  @Override
  public Page<PipelineRun> runs(String pipelineId, PipelineRunStatus status, PageRequest page) {
    String filter = " WHERE pipeline_id = :id" + (status == null ? "" : " AND status = :status");
    Map<String, Object> args = new HashMap<>();
    args.put("id", pipelineId);
    if (status != null) args.put("status", status.wire());
    return jdbi.withHandle(h -> {
      long total = h.createQuery("SELECT COUNT(*) FROM pipeline_runs" + filter).bindMap(args).mapTo(Long.class).one();
      List<PipelineRun> items = h.createQuery("SELECT * FROM pipeline_runs" + filter
              + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
          .bindMap(args).bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> PipelineRows.run(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public List<PipelineRun> runsIn(PipelineRunStatus status) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM pipeline_runs WHERE status = :s ORDER BY created_at, id")
        .bind("s", status.wire()).map((rs, ctx) -> PipelineRows.run(rs)).list());
  }

  @Override
  public void saveStep(RunStep s) {
    // one runner writes a run's steps, so update-else-insert needs no dialect-specific upsert
    jdbi.useTransaction(h -> {
      if (bindStep(h.createUpdate("""
              UPDATE pipeline_run_steps SET type = :type, status = :status, attempts = :attempts,
                     files_in = :filesIn, files_out = :filesOut, bytes_in = :in, bytes_out = :out, error = :error,
                     log = :log, started_at = :started, ended_at = :ended
              WHERE run_id = :run AND idx = :idx"""), s).execute() == 0) {
        bindStep(h.createUpdate("""
                INSERT INTO pipeline_run_steps (run_id, idx, type, status, attempts, files_in, files_out, bytes_in,
                                                bytes_out, error, log, started_at, ended_at)
                VALUES (:run, :idx, :type, :status, :attempts, :filesIn, :filesOut, :in, :out, :error, :log,
                        :started, :ended)"""), s).execute();
      }
    });
  }

  private static Update bindStep(Update u, RunStep s) {
    return u.bind("run", s.runId()).bind("idx", s.index()).bind("type", s.type()).bind("status", s.status())
        .bind("attempts", s.attempts()).bind("filesIn", s.filesIn()).bind("filesOut", s.filesOut())
        .bind("in", s.bytesIn()).bind("out", s.bytesOut()).bind("error", s.error())
        .bind("log", String.join("\n", s.log())).bind("started", Sql.ts(s.startedAt()))
        .bind("ended", Sql.ts(s.endedAt()));
  }

  @Override
  public List<RunStep> steps(String runId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM pipeline_run_steps WHERE run_id = :id ORDER BY idx")
        .bind("id", runId).map((rs, ctx) -> PipelineRows.step(rs)).list());
  }

  @Override
  public void insertFile(RunFile f) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO pipeline_run_files (run_id, source, destination, bytes, sha256, status, transfer_id, error)
            VALUES (:run, :source, :destination, :bytes, :sha256, :status, :transfer, :error)""")
        .bind("run", f.runId()).bind("source", f.source()).bind("destination", f.destination())
        .bind("bytes", f.bytes()).bind("sha256", f.sha256()).bind("status", f.status())
        .bind("transfer", f.transferId()).bind("error", f.error())
        .execute());
  }

  @Override
  public Page<RunFile> files(String runId, PageRequest page) {
    return jdbi.withHandle(h -> {
      long total = h.createQuery("SELECT COUNT(*) FROM pipeline_run_files WHERE run_id = :id")
          .bind("id", runId).mapTo(Long.class).one();
      List<RunFile> items = h.createQuery("""
              SELECT * FROM pipeline_run_files WHERE run_id = :id ORDER BY seq LIMIT :limit OFFSET :offset""")
          .bind("id", runId).bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> PipelineRows.file(rs)).list();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public boolean markSeen(String pipelineId, String key, String runId, Instant at) {
    try {
      jdbi.useHandle(h -> h.createUpdate("""
              INSERT INTO pipeline_seen (pipeline_id, seen_key, run_id, seen_at) VALUES (:id, :key, :run, :at)""")
          .bind("id", pipelineId).bind("key", key).bind("run", runId).bind("at", Sql.ts(at))
          .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) return false;
      throw e;
    }
  }

  @Override
  public void forgetSeen(String pipelineId, String runId) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM pipeline_seen WHERE pipeline_id = :id AND run_id = :run")
        .bind("id", pipelineId).bind("run", runId).execute());
  }

  private static String ownerKey(String customer) {
    return customer == null ? "" : customer;
  }

  /** Row mappers, apart so that the repository reads as its SQL. */
  static final class PipelineRows {
    private PipelineRows() {}

    static Pipeline pipeline(ResultSet rs) throws SQLException {
      return new Pipeline(rs.getString("id"), rs.getString("identifier"), rs.getString("name"),
          rs.getString("description"), rs.getString("customer"), rs.getBoolean("enabled"), rs.getInt("version"),
          rs.getString("yaml"), rs.getString("trigger_type"), rs.getString("created_by"),
          Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    static PipelineVersion version(ResultSet rs) throws SQLException {
      return new PipelineVersion(rs.getString("pipeline_id"), rs.getInt("version"), rs.getString("yaml"),
          rs.getString("created_by"), Sql.instant(rs, "created_at"));
    }

    static PipelineRun run(ResultSet rs) throws SQLException {
      return new PipelineRun(rs.getString("id"), rs.getString("pipeline_id"), rs.getInt("version"),
          PipelineRunStatus.of(rs.getString("status")), rs.getString("trigger"), rs.getString("trigger_key"),
          rs.getString("triggered_by"), rs.getString("node"), rs.getInt("completed_steps"), rs.getLong("bytes_in"),
          rs.getLong("bytes_out"), rs.getInt("files"), rs.getString("error"), Sql.instant(rs, "created_at"),
          Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"));
    }

    static RunStep step(ResultSet rs) throws SQLException {
      String log = rs.getString("log");
      return new RunStep(rs.getString("run_id"), rs.getInt("idx"), rs.getString("type"), rs.getString("status"),
          rs.getInt("attempts"), rs.getInt("files_in"), rs.getInt("files_out"), rs.getLong("bytes_in"),
          rs.getLong("bytes_out"), rs.getString("error"), log.isEmpty() ? List.of() : List.of(log.split("\n", -1)),
          Sql.instant(rs, "started_at"), Sql.instant(rs, "ended_at"));
    }

    static RunFile file(ResultSet rs) throws SQLException {
      return new RunFile(rs.getString("run_id"), rs.getString("source"), rs.getString("destination"),
          rs.getLong("bytes"), rs.getString("sha256"), rs.getString("status"), rs.getString("transfer_id"),
          rs.getString("error"));
    }
  }
}
