package ferry.store;

import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferRepository;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

final class JdbcTransferRepository implements TransferRepository {
  private final Jdbi jdbi;

  JdbcTransferRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(TransferRecord r) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO transfers (job_id, src_vfs, src_path, dst_vfs, dst_path, bytes, duration_ms, sha256,
                                   ok, error_message, finished_at)
            VALUES (:job, :sv, :sp, :dv, :dp, :bytes, :ms, :sha, :ok, :err, :at)""")
        .bind("job", r.jobId()).bind("sv", r.srcVfs()).bind("sp", r.srcPath()).bind("dv", r.dstVfs())
        .bind("dp", r.dstPath()).bind("bytes", r.bytes()).bind("ms", r.duration().toMillis())
        .bind("sha", r.sha256()).bind("ok", r.ok())
        .bind("err", r.error() == null || r.error().length() <= 4000 ? r.error() : r.error().substring(0, 4000))
        .bind("at", Sql.ts(r.finishedAt())).execute());
  }

  @Override
  public List<TransferRecord> byJob(String jobId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM transfers WHERE job_id = :j ORDER BY id")
        .bind("j", jobId)
        .map((rs, ctx) -> new TransferRecord(rs.getString("job_id"), rs.getString("src_vfs"), rs.getString("src_path"),
            rs.getString("dst_vfs"), rs.getString("dst_path"), rs.getLong("bytes"),
            Duration.ofMillis(rs.getLong("duration_ms")), rs.getString("sha256"), rs.getBoolean("ok"),
            rs.getString("error_message"), Sql.instant(rs, "finished_at")))
        .list());
  }
}
