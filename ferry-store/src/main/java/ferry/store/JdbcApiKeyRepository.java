package ferry.store;

import ferry.core.auth.ApiKey;
import ferry.core.auth.ApiKeyRepository;
import ferry.core.auth.KeyScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbcApiKeyRepository implements ApiKeyRepository {
  private final Jdbi jdbi;

  JdbcApiKeyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(ApiKey k) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO api_keys (id, name, scope, owner_id, allowed_ips, expires_at, description,
                                  created_at, last_used_at, revoked_at, secret_hash, bound_admin, bound_user,
                                  updated_at)
            VALUES (:id, :name, :scope, :owner, :ips, :exp, :descr, :created, :used, :revoked, :hash, :admin,
                    :user, :updated)""")
        .bind("id", k.id()).bind("name", k.name()).bind("scope", k.scope().name())
        .bind("owner", k.owner()).bind("ips", String.join(",", k.allowedIps()))
        .bind("exp", Sql.ts(k.expiresAt())).bind("descr", k.description())
        .bind("created", Sql.ts(k.createdAt())).bind("used", Sql.ts(k.lastUsedAt()))
        .bind("revoked", Sql.ts(k.revokedAt())).bind("hash", k.secretHash())
        .bind("admin", k.boundAdmin()).bind("user", k.boundUser()).bind("updated", Sql.ts(k.updatedAt()))
        .execute());
  }

  @Override
  public Optional<ApiKey> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public List<ApiKey> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys ORDER BY created_at DESC")
        .map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public void update(ApiKey k) {
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE api_keys SET name = :name, scope = :scope, allowed_ips = :ips, expires_at = :exp,
                                description = :descr, revoked_at = :revoked, bound_admin = :admin,
                                bound_user = :user, updated_at = :updated WHERE id = :id""")
        .bind("id", k.id()).bind("name", k.name()).bind("scope", k.scope().name())
        .bind("ips", String.join(",", k.allowedIps()))
        .bind("exp", Sql.ts(k.expiresAt())).bind("descr", k.description())
        .bind("revoked", Sql.ts(k.revokedAt())).bind("admin", k.boundAdmin()).bind("user", k.boundUser())
        .bind("updated", Sql.ts(k.updatedAt())).execute());
  }

  @Override
  public void touch(String id, Instant when) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE api_keys SET last_used_at = :t WHERE id = :id")
        .bind("id", id).bind("t", Sql.ts(when)).execute());
  }

  @Override
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE id = :id").bind("id", id).execute()) > 0;
  }

  @Override
  public void deleteByName(String name) {
    jdbi.useHandle(h -> h.createUpdate("DELETE FROM api_keys WHERE name = :n").bind("n", name).execute());
  }

  private static ApiKey map(ResultSet rs) throws SQLException {
    String ips = rs.getString("allowed_ips");
    return new ApiKey(
        rs.getString("id"),
        rs.getString("name"),
        KeyScope.valueOf(rs.getString("scope")),
        rs.getString("owner_id"),
        ips.isEmpty() ? List.of() : Arrays.asList(ips.split(",")),
        Sql.instant(rs, "expires_at"),
        rs.getString("description"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"),
        Sql.instant(rs, "revoked_at"),
        rs.getString("secret_hash"),
        rs.getString("bound_admin"),
        rs.getString("bound_user"),
        Sql.instant(rs, "updated_at"));
  }
}
