package ferry.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Fresh databases for tests: an in-memory H2, or a new database on the PostgreSQL named by the
 * system property {@code ferry.pg.url} (set by the build; .ci/run creates its role). A test that
 * needs PostgreSQL fails when it is not reachable: it never skips.
 */
public final class TestDatabases {
  public static final String PG_URL_PROPERTY = "ferry.pg.url";
  public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/ferry_test?user=ferry&password=ferry";

  private TestDatabases() {}

  public static String h2Memory() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /** Creates an empty PostgreSQL database and returns its URL. */
  public static String newPostgres() {
    String base = System.getProperty(PG_URL_PROPERTY, DEFAULT_PG_URL);
    String name = "ferry_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    exec(base, "CREATE DATABASE " + name);
    return base.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  /** Drops a database made by {@link #newPostgres()}. */
  public static void dropPostgres(String url) {
    String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    exec(System.getProperty(PG_URL_PROPERTY, DEFAULT_PG_URL), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void exec(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL for tests at " + Database.redact(url)
          + " is not usable (run .ci/run once, or start PostgreSQL and create role ferry): " + e.getMessage(), e);
    }
  }
}
