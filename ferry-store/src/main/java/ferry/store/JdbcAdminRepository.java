package ferry.store;

import ferry.core.account.Admin;
import ferry.core.account.AdminRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

final class JdbcAdminRepository implements AdminRepository {
  private final Jdbi jdbi;

  JdbcAdminRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Admin> find(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM admins WHERE username = :u")
        .bind("u", username)
        .map((rs, ctx) -> new Admin(rs.getString("username"), rs.getString("password_hash"),
            Sql.instant(rs, "created_at")))
        .findOne());
  }

  @Override
  public boolean insertIfAbsent(Admin a) {
    try {
      return jdbi.withHandle(h -> h.createUpdate(
              "INSERT INTO admins (username, password_hash, created_at) VALUES (:u, :p, :c)")
          .bind("u", a.username()).bind("p", a.passwordHash()).bind("c", Sql.ts(a.createdAt()))
          .execute()) == 1;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) return false;
      throw e;
    }
  }

  @Override
  public long count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admins").mapTo(Long.class).one());
  }
}
