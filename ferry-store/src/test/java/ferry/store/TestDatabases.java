package ferry.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Fresh databases for tests: an in-memory H2, or a new database on PostgreSQL. The PostgreSQL is
 * the one named by the system property {@value #PG_URL_PROPERTY} or else the environment variable
 * {@value #PG_URL_ENV} (a URL whose user may CREATE DATABASE), or else the tests' own {@link
 * PrivatePostgres}. A test that needs PostgreSQL fails when it is not usable: it never skips.
 */
public final class TestDatabases {
  public static final String PG_URL_PROPERTY = "ferry.pg.url";
  public static final String PG_URL_ENV = "FERRY_TEST_PG_URL";

  private TestDatabases() {}

  public static String h2Memory() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /** Creates an empty PostgreSQL database and returns its URL. */
  public static String newPostgres() {
    String admin = adminUrl();
    String name = "ferry_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    exec(admin, "CREATE DATABASE " + name);
    return admin.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }

  /** Drops a database made by {@link #newPostgres()}. */
  public static void dropPostgres(String url) {
    String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
    exec(adminUrl(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  /** The PostgreSQL URL given to the tests, if any (a blank value counts as none). */
  static Optional<String> configuredUrl() {
    return Stream.of(System.getProperty(PG_URL_PROPERTY), System.getenv(PG_URL_ENV))
        .filter(u -> u != null && !u.isBlank())
        .findFirst();
  }

  private static String adminUrl() {
    return configuredUrl().orElseGet(PrivatePostgres::adminUrl);
  }

  private static void exec(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      String source = configuredUrl().isPresent()
          ? " (from -D" + PG_URL_PROPERTY + " or " + PG_URL_ENV + "; its user needs CREATEDB; unset both"
              + " and the tests start a private PostgreSQL)"
          : " (the tests' private PostgreSQL)";
      throw new IllegalStateException("PostgreSQL for tests at " + Database.redact(url) + " is not usable"
          + source + ": " + e.getMessage(), e);
    }
  }
}
