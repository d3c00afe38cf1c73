package ferry.store;

import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.transfer.TrackedFilter;
import ferry.core.transfer.TrackedTransfer;
import ferry.core.transfer.TrackedTransferRepository;
import ferry.core.transfer.TransferStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Tracked transfers on the {@code transfers} table (V13): agents' rows carry {@code agent_id} and
 * the live columns; the server's rows, written by {@link JdbcTransferRepository}, are read through
 * {@link TrackedTransfer#fromRecord}.
 */
final class JdbcTrackedTransferRepository implements TrackedTransferRepository {
  private final Jdbi jdbi;

  JdbcTrackedTransferRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static final String INSERT = """
      INSERT INTO transfers (public_id, agent_id, customer, job_id, run_id, source_url, dst_path, direction,
                             protocol, size, status, progress, bytes, speed, sha256, error_message,
                             created_at, updated_at, started_at, finished_at, ok)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  @Override
  public boolean insert(TrackedTransfer t) {
    try {
      jdbi.useHandle(h -> Jdbc.update(h, INSERT, ps -> {
        ps.setString(1, t.id());
        ps.setString(2, t.agentId());
        ps.setString(3, t.customer());
        ps.setString(4, t.jobId());
        ps.setString(5, t.runId());
        ps.setString(6, t.sourceUrl());
        ps.setString(7, t.destinationPath());
        ps.setString(8, t.direction());
        ps.setString(9, t.protocol());
        setLong(ps, 10, t.size());
        bindLive(ps, 11, t);
        Jdbc.setInstant(ps, 17, t.createdAt());
        Jdbc.setInstant(ps, 18, t.updatedAt());
        Jdbc.setInstant(ps, 19, t.startedAt());
        Jdbc.setInstant(ps, 20, t.completedAt());
        setOk(ps, 21, t.status());
      }));
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** status, progress, bytes, speed, sha256, error from {@code i} on. */
  private static void bindLive(PreparedStatement ps, int i, TrackedTransfer t) throws SQLException {
    ps.setString(i, t.status().wire());
    ps.setInt(i + 1, t.progress());
    ps.setLong(i + 2, t.bytesTransferred());
    ps.setLong(i + 3, t.speed());
    ps.setString(i + 4, t.sha256());
    ps.setString(i + 5, t.error());
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) ps.setNull(i, Types.BIGINT);
    else ps.setLong(i, v);
  }

  /** ok as the server's rows have it: known once the transfer ended. */
  private static void setOk(PreparedStatement ps, int i, TransferStatus s) throws SQLException {
    if (s.isFinished()) ps.setBoolean(i, s == TransferStatus.COMPLETED);
    else ps.setNull(i, Types.BOOLEAN);
  }

  // The compare-and-set of TrackedTransferRepository#update: status and bytes as last read.
  private static final String UPDATE = """
      UPDATE transfers SET status = ?, progress = ?, bytes = ?, speed = ?, sha256 = ?, error_message = ?,
                           updated_at = ?, started_at = ?, finished_at = ?, ok = ?
      WHERE public_id = ? AND agent_id IS NOT NULL AND status = ? AND bytes <= ?""";

  @Override
  public boolean update(TrackedTransfer next, TransferStatus expected) {
    return jdbi.withHandle(h -> Jdbc.update(h, UPDATE, ps -> {
      bindLive(ps, 1, next);
      Jdbc.setInstant(ps, 7, next.updatedAt());
      Jdbc.setInstant(ps, 8, next.startedAt());
      Jdbc.setInstant(ps, 9, next.completedAt());
      setOk(ps, 10, next.status());
      ps.setString(11, next.id());
      ps.setString(12, expected.wire());
      ps.setLong(13, next.bytesTransferred());
    })) == 1;
  }

  @Override
  public Optional<TrackedTransfer> find(String id) {
    return jdbi.withHandle(h -> Jdbc.one(h, "SELECT * FROM transfers WHERE public_id = ?",
        ps -> ps.setString(1, id), JdbcTrackedTransferRepository::map));
  }

  @Override
  public Page<TrackedTransfer> list(TrackedFilter filter, PageRequest page) {
    List<String> where = new ArrayList<>();
    if (filter.customer() != null) where.add("(customer = :customer OR username = :customer)");
    if (filter.status() != null) where.add("status = :status");
    if (filter.agentId() != null) where.add("agent_id = :agent");
    String cond = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return jdbi.withHandle(h -> {
      List<TrackedTransfer> items = bind(h.createQuery("SELECT * FROM transfers" + cond
              + " ORDER BY id DESC LIMIT :limit OFFSET :offset"), filter)
          .bind("limit", page.limit()).bind("offset", page.offset())
          .map((rs, ctx) -> map(rs)).list();
      long total = bind(h.createQuery("SELECT COUNT(*) FROM transfers" + cond), filter).mapTo(Long.class).one();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  private static <S extends SqlStatement<S>> S bind(S stmt, TrackedFilter f) {
    if (f.customer() != null) stmt.bind("customer", f.customer());
    if (f.status() != null) stmt.bind("status", f.status().wire());
    if (f.agentId() != null) stmt.bind("agent", f.agentId());
    return stmt;
  }

  private static TrackedTransfer map(ResultSet rs) throws SQLException {
    String id = rs.getString("public_id");
    String agent = rs.getString("agent_id");
    if (agent == null) return TrackedTransfer.fromRecord(id, JdbcTransferRepository.map(rs));
    long size = rs.getLong("size");
    Long sizeOrNull = rs.wasNull() ? null : size;
    return new TrackedTransfer(id, agent, rs.getString("customer"), null, rs.getString("job_id"),
        rs.getString("run_id"), rs.getString("source_url"), rs.getString("dst_path"), rs.getString("direction"),
        rs.getString("protocol"), sizeOrNull, TransferStatus.parse(rs.getString("status"), "status"),
        rs.getInt("progress"), rs.getLong("bytes"), rs.getLong("speed"), rs.getString("sha256"),
        rs.getString("error_message"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"));
  }
}
