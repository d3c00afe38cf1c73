package ferry.store;

import ferry.core.session.OpenUpload;
import ferry.core.session.OpenUploadRepository;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Uploads in progress, one row each while they run. */
final class JdbcOpenUploadRepository implements OpenUploadRepository {
  private final Jdbi jdbi;
  private final boolean checkpointInserts;

  JdbcOpenUploadRepository(Jdbi jdbi, SqlDialect dialect) {
    this.jdbi = jdbi;
    // H2 writes a commit to its file up to WRITE_DELAY (500 ms) later: a server killed meanwhile
    // forgot the upload and left its partial file, even after the client's fsync (issue 10).
    this.checkpointInserts = dialect == SqlDialect.H2;
  }

  @Override
  public void insert(OpenUpload u) {
    jdbi.useHandle(h -> {
      Jdbc.update(h, "INSERT INTO open_uploads (id, owner, username, protocol, remote_addr, conn_id,"
          + " folder_name, path, storage_path, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, u.id());
            ps.setString(2, u.owner());
            ps.setString(3, u.username());
            ps.setString(4, u.protocol());
            ps.setString(5, u.remoteAddr());
            ps.setString(6, u.connId());
            ps.setString(7, u.folderName());
            ps.setString(8, u.path());
            ps.setString(9, u.storagePath());
            Jdbc.setInstant(ps, 10, u.startedAt());
          });
      if (checkpointInserts) h.execute("CHECKPOINT");
    });
  }

  @Override
  public void delete(String id) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM open_uploads WHERE id = :id").bind("id", id).execute());
  }

  @Override
  public List<OpenUpload> byOwner(String owner) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM open_uploads WHERE owner = :o ORDER BY started_at")
        .bind("o", owner)
        .map((rs, ctx) -> new OpenUpload(rs.getString("id"), rs.getString("owner"), rs.getString("username"),
            rs.getString("protocol"), rs.getString("remote_addr"), rs.getString("conn_id"),
            rs.getString("folder_name"), rs.getString("path"), rs.getString("storage_path"),
            Sql.instant(rs, "started_at")))
        .list());
  }
}
