package ferry.store;

import ferry.core.auth.web.WebSession;
import ferry.core.auth.web.WebSessionRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbcWebSessionRepository implements WebSessionRepository {
  private final Jdbi jdbi;

  JdbcWebSessionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(WebSession s) {
    jdbi.useHandle(h -> h.createUpdate("INSERT INTO web_sessions (id, kind, username, stamp, stage, ip, created_at, "
            + "last_seen_at) VALUES (:id, :kind, :u, :stamp, :stage, :ip, :c, :l)")
        .bind("id", s.id()).bind("kind", s.kind().name()).bind("u", s.username()).bind("stamp", s.stamp())
        .bind("stage", s.stage().name()).bind("ip", s.ip()).bind("c", Sql.ts(s.createdAt()))
        .bind("l", Sql.ts(s.lastSeenAt())).execute());
  }

  @Override
  public Optional<WebSession> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM web_sessions WHERE id = :id").bind("id", id)
        .map((rs, ctx) -> new WebSession(rs.getString("id"), WebSession.Kind.valueOf(rs.getString("kind")),
            rs.getString("username"), rs.getString("stamp"), WebSession.Stage.valueOf(rs.getString("stage")),
            rs.getString("ip"), Sql.instant(rs, "created_at"), Sql.instant(rs, "last_seen_at")))
        .findOne());
  }

  @Override
  public void touch(String id, Instant at) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE web_sessions SET last_seen_at = :t WHERE id = :id")
        .bind("t", Sql.ts(at)).bind("id", id).execute());
  }

  @Override
  public void setStage(String id, WebSession.Stage stage) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE web_sessions SET stage = :s WHERE id = :id")
        .bind("s", stage.name()).bind("id", id).execute());
  }

  @Override
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE id = :id").bind("id", id).execute()) > 0;
  }

  @Override
  public int deleteAll(WebSession.Kind kind, String username) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE kind = :k AND username = :u")
        .bind("k", kind.name()).bind("u", username).execute());
  }

  @Override
  public int prune(Instant idleBefore, Instant createdBefore) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE last_seen_at < :i OR created_at < :c")
        .bind("i", Sql.ts(idleBefore)).bind("c", Sql.ts(createdBefore)).execute());
  }
}
