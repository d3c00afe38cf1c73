package ferry.store;

import ferry.core.page.Page;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferRepository;
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

  @Override
  public void insert(TransferRecord r) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO transfers (job_id, src_vfs, src_path, dst_vfs, dst_path, bytes, duration_ms, sha256,
                                   ok, error_message, finished_at, username, protocol, direction, path,
                                   remote_addr, conn_id)
            VALUES (:job, :sv, :sp, :dv, :dp, :bytes, :ms, :sha, :ok, :err, :at, :user, :proto, :dir, :path,
                    :addr, :conn)""")
        .bind("job", r.jobId()).bind("sv", r.srcVfs()).bind("sp", r.srcPath()).bind("dv", r.dstVfs())
        .bind("dp", r.dstPath()).bind("bytes", r.bytes()).bind("ms", r.duration().toMillis())
        .bind("sha", r.sha256()).bind("ok", r.ok()).bind("err", cut(r.error()))
        .bind("at", Sql.ts(r.finishedAt())).bind("user", r.username()).bind("proto", r.protocol())
        .bind("dir", r.direction()).bind("path", r.path()).bind("addr", r.remoteAddr())
        .bind("conn", r.connId()).execute());
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
  }

  @Override
  public List<TransferRecord> byJob(String jobId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM transfers WHERE job_id = :j ORDER BY id")
        .bind("j", jobId)
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public Page<TransferRecord> list(TransferFilter filter, int limit, int offset) {
    List<String> where = new ArrayList<>();
    if (filter.username() != null) where.add("username = :user");
    if (filter.protocol() != null) where.add("protocol = :proto");
    if (filter.ok() != null) where.add("ok = :ok");
    String cond = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
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
    return stmt;
  }

  private static TransferRecord map(ResultSet rs) throws SQLException {
    return new TransferRecord(rs.getString("job_id"), rs.getString("src_vfs"), rs.getString("src_path"),
        rs.getString("dst_vfs"), rs.getString("dst_path"), rs.getLong("bytes"),
        Duration.ofMillis(rs.getLong("duration_ms")), rs.getString("sha256"), rs.getBoolean("ok"),
        rs.getString("error_message"), Sql.instant(rs, "finished_at"), rs.getString("username"),
        rs.getString("protocol"), rs.getString("direction"), rs.getString("path"), rs.getString("remote_addr"),
        rs.getString("conn_id"));
  }
}
