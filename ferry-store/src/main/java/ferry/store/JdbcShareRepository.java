package ferry.store;

import ferry.core.share.Share;
import ferry.core.share.ShareRepository;
import ferry.core.share.ShareScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

final class JdbcShareRepository implements ShareRepository {
  private final Jdbi jdbi;

  JdbcShareRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Share s) {
    jdbi.useHandle(h -> bindEditable(h.createUpdate("""
            INSERT INTO shares (id, name, description, scope, paths, username, created_at, updated_at,
                                last_use_at, expires_at, password_hash, max_tokens, used_tokens, allow_from)
            VALUES (:id, :name, :descr, :scope, :paths, :user, :created, :updated, :used_at, :expires, :hash,
                    :max, :used, :nets)"""), s)
        .bind("created", Sql.ts(s.createdAt())).bind("used_at", Sql.ts(s.lastUseAt()))
        .bind("used", s.usedTokens())
        .execute());
  }

  @Override
  public Optional<Share> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM shares WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public List<Share> list(String username, int offset, int limit, boolean ascending) {
    String order = ascending ? "ASC" : "DESC";
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM shares WHERE username = :user ORDER BY id " + order + " LIMIT :limit OFFSET :offset")
        .bind("user", username).bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public boolean update(Share s) {
    return jdbi.withHandle(h -> bindEditable(h.createUpdate("""
            UPDATE shares SET name = :name, description = :descr, scope = :scope, paths = :paths,
                              updated_at = :updated, expires_at = :expires, password_hash = :hash,
                              max_tokens = :max, allow_from = :nets
            WHERE id = :id AND username = :user"""), s)
        .execute()) == 1;
  }

  @Override
  public boolean delete(String id, String username) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM shares WHERE id = :id AND username = :user")
        .bind("id", id).bind("user", username).execute()) == 1;
  }

  @Override
  public boolean use(String id, Instant when) {
    // one statement: the row lock serialises concurrent uses, so max_tokens is never passed
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE shares SET used_tokens = used_tokens + 1, last_use_at = :t
            WHERE id = :id AND (max_tokens = 0 OR used_tokens < max_tokens)""")
        .bind("id", id).bind("t", Sql.ts(when)).execute()) == 1;
  }

  private static Update bindEditable(Update u, Share s) {
    return u.bind("id", s.id()).bind("name", s.name()).bind("descr", s.description())
        .bind("scope", s.scope().wire()).bind("paths", String.join("\n", s.paths()))
        .bind("user", s.username()).bind("updated", Sql.ts(s.updatedAt()))
        .bind("expires", Sql.ts(s.expiresAt())).bind("hash", s.passwordHash())
        .bind("max", s.maxTokens()).bind("nets", String.join(",", s.allowFrom()));
  }

  private static Share map(ResultSet rs) throws SQLException {
    String nets = rs.getString("allow_from");
    return new Share(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        ShareScope.of(rs.getInt("scope")),
        Arrays.asList(rs.getString("paths").split("\n")),
        rs.getString("username"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        Sql.instant(rs, "last_use_at"),
        Sql.instant(rs, "expires_at"),
        rs.getString("password_hash"),
        rs.getInt("max_tokens"),
        rs.getInt("used_tokens"),
        nets.isEmpty() ? List.of() : Arrays.asList(nets.split(",")));
  }
}
