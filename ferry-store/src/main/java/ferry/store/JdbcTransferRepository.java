package ferry.store;

import ferry.core.page.Page;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferIds;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferRepository;
import ferry.core.transfer.TransferStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

final class JdbcTransferRepository implements TransferRepository {
  private static final int MAX_TEXT = 4000;

  private final Jdbi jdbi;

  JdbcTransferRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  private static final String INSERT = """
      INSERT INTO transfers (job_id, src_vfs, src_path, dst_vfs, dst_path, bytes, duration_ms, sha256,
                             ok, error_message, finished_at, username, protocol, direction, path,
                             remote_addr, conn_id, public_id, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

  @Override
  public void insert(TransferRecord r) {
    jdbi.useHandle(h -> Jdbc.update(h, INSERT, ps -> bind(ps, r)));
  }

  /**
   * One plain JDBC batch in one transaction: a burst of small files costs one commit, and none of
   * JDBI's per-row argument resolution (bench/sftp, small files).
   */
  @Override
  public void insertAll(List<TransferRecord> records) {
    if (!records.isEmpty()) {
      jdbi.useTransaction(h -> Jdbc.batch(h, INSERT, records, JdbcTransferRepository::bind));
    }
  }

  private static void bind(PreparedStatement ps, TransferRecord r) throws SQLException {
    ps.setString(1, r.jobId());
    ps.setString(2, r.srcVfs());
    ps.setString(3, r.srcPath());
    ps.setString(4, r.dstVfs());
    ps.setString(5, r.dstPath());
    ps.setLong(6, r.bytes());
    ps.setLong(7, r.duration().toMillis());
    ps.setString(8, r.sha256());
    ps.setBoolean(9, r.ok());
    ps.setString(10, cut(r.error()));
    Jdbc.setInstant(ps, 11, r.finishedAt());
    ps.setString(12, r.username());
    ps.setString(13, r.protocol());
    ps.setString(14, r.direction());
    ps.setString(15, r.path());
    ps.setString(16, r.remoteAddr());
    ps.setString(17, r.connId());
    // the orchestration face lists these rows too (issue 13): its id, and the status the outcome gives
    ps.setString(18, TransferIds.next());
    ps.setString(19, (r.ok() ? TransferStatus.COMPLETED : TransferStatus.FAILED).wire());
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }

  @Override
  public List<TransferRecord> byJob(String jobId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM transfers WHERE job_id = :j AND agent_id IS NULL ORDER BY id")
        .bind("j", jobId)
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public Page<TransferRecord> list(TransferFilter filter, int limit, int offset) {
    List<String> where = new ArrayList<>();
    where.add("agent_id IS NULL"); // the server's own transfers; agents' are on /api/transfers
    if (filter.username() != null) where.add("username = :user");
    if (filter.protocol() != null) where.add("protocol = :proto");
    if (filter.ok() != null) where.add("ok = :ok");
    if (filter.from() != null) where.add("finished_at >= :from");
    if (filter.to() != null) where.add("finished_at < :to");
    String cond = " WHERE " + String.join(" AND ", where);
    return jdbi.withHandle(h -> {
      var items = bindFilter(h.createQuery("SELECT * FROM transfers" + cond
              + " ORDER BY id DESC LIMIT :limit OFFSET :offset"), filter)
          .bind("limit", limit).bind("offset", offset)
          .map((rs, ctx) -> map(rs)).list();
      long total = bindFilter(h.createQuery("SELECT COUNT(*) FROM transfers" + cond), filter)
          .mapTo(Long.class).one();
      return new Page<>(items, offset / Math.max(limit, 1) + 1, limit, total);
    });
  }

  private static <S extends SqlStatement<S>> S bindFilter(S stmt, TransferFilter f) {
    if (f.username() != null) stmt.bind("user", f.username());
    if (f.protocol() != null) stmt.bind("proto", f.protocol());
    if (f.ok() != null) stmt.bind("ok", f.ok());
    if (f.from() != null) stmt.bind("from", Sql.ts(f.from()));
    if (f.to() != null) stmt.bind("to", Sql.ts(f.to()));
    return stmt;
  }

  /** A server row (no agent) as the record it was stored from. */
  static TransferRecord map(ResultSet rs) throws SQLException {
    return new TransferRecord(rs.getString("job_id"), rs.getString("src_vfs"), rs.getString("src_path"),
        rs.getString("dst_vfs"), rs.getString("dst_path"), rs.getLong("bytes"),
        Duration.ofMillis(rs.getLong("duration_ms")), rs.getString("sha256"), rs.getBoolean("ok"),
        rs.getString("error_message"), Sql.instant(rs, "finished_at"), rs.getString("username"),
        rs.getString("protocol"), rs.getString("direction"), rs.getString("path"), rs.getString("remote_addr"),
        rs.getString("conn_id"));
  }
}
