package ferry.store;

import ferry.core.auth.token.TokenRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class JdbcTokenRepository implements TokenRepository {
  private final Jdbi jdbi;

  JdbcTokenRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<byte[]> findKey(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT sealed FROM jwt_keys WHERE name = :n")
        .bind("n", name).map((rs, ctx) -> rs.getBytes(1)).findOne());
  }

  @Override
  public boolean insertKeyIfAbsent(String name, byte[] sealed, Instant createdAt) {
    try {
      return jdbi.withHandle(h -> h.createUpdate(
              "INSERT INTO jwt_keys (name, sealed, created_at) VALUES (:n, :s, :c)")
          .bind("n", name).bind("s", sealed).bind("c", Sql.ts(createdAt)).execute()) == 1;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) return false;
      throw e;
    }
  }

  @Override
  public void revoke(String id, Instant expiresAt) {
    try {
      jdbi.useHandle(h -> h.createUpdate("INSERT INTO revoked_tokens (id, expires_at) VALUES (:id, :e)")
          .bind("id", id).bind("e", Sql.ts(expiresAt)).execute());
    } catch (UnableToExecuteStatementException e) {
      if (!Sql.isUniqueViolation(e)) throw e; // revoked already
    }
  }

  @Override
  public boolean isRevoked(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM revoked_tokens WHERE id = :id")
        .bind("id", id).mapTo(Integer.class).findOne().isPresent());
  }

  @Override
  public int pruneRevoked(Instant now) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM revoked_tokens WHERE expires_at < :now")
        .bind("now", Sql.ts(now)).execute());
  }
}
