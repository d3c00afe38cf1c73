package ferry.store;

import ferry.core.customer.CustomerRepository;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

final class JdbcCustomerRepository implements CustomerRepository {
  private final Jdbi jdbi;

  JdbcCustomerRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public boolean add(String username, Instant at) {
    // one statement, so two admins granting at once cannot collide on the key
    return jdbi.withHandle(h -> h.createUpdate("""
            INSERT INTO customers (username, created_at)
            SELECT :u, :at WHERE NOT EXISTS (SELECT 1 FROM customers WHERE username = :u)""")
        .bind("u", username).bind("at", Sql.ts(at)).execute()) == 1;
  }

  @Override
  public boolean remove(String username) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM customers WHERE username = :u")
        .bind("u", username).execute()) == 1;
  }

  @Override
  public boolean isCustomer(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM customers WHERE username = :u")
        .bind("u", username).mapTo(Integer.class).one()) > 0;
  }

  @Override
  public List<String> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT username FROM customers ORDER BY username")
        .mapTo(String.class).list());
  }
}
