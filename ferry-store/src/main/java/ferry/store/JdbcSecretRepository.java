package ferry.store;

import ferry.core.secret.SecretRepository;
import ferry.core.secret.StoredSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbcSecretRepository implements SecretRepository {
  private final Jdbi jdbi;

  JdbcSecretRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean upsert(StoredSecret s) {
    return jdbi.inTransaction(h -> {
      int n = h.createUpdate("UPDATE secrets SET sealed = :v, updated_at = :u WHERE name = :n")
          .bind("n", s.name()).bind("v", s.sealed()).bind("u", Sql.ts(s.updatedAt())).execute();
      if (n > 0) return false;
      h.createUpdate("INSERT INTO secrets (name, sealed, created_at, updated_at) VALUES (:n, :v, :c, :u)")
          .bind("n", s.name()).bind("v", s.sealed()).bind("c", Sql.ts(s.createdAt()))
          .bind("u", Sql.ts(s.updatedAt())).execute();
      return true;
    });
  }

  @Override
  public Optional<StoredSecret> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM secrets WHERE name = :n")
        .bind("n", name).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public List<StoredSecret> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM secrets ORDER BY name")
        .map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public boolean delete(String name) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM secrets WHERE name = :n").bind("n", name).execute()) > 0;
  }

  private static StoredSecret map(ResultSet rs) throws SQLException {
    return new StoredSecret(rs.getString("name"), rs.getBytes("sealed"), Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
