package ferry.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The connection pool, schema migrations and JDBI handle for one database. */
public final class Database implements AutoCloseable {
  public static final int DEFAULT_POOL_SIZE = 10;
  private static final int JFR_PARAMS_LENGTH_NONE = 2;

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final SqlDialect dialect;

  private Database(HikariDataSource ds, SqlDialect dialect) {
    this.dataSource = ds;
    this.jdbi = Jdbi.create(ds);
    // JDBI's JFR statement events would carry bound values (password hashes, sealed secrets) into
    // any flight recording of the server; keep the SQL, drop the values. JDBI cuts the parameter
    // text to (max - 2) characters plus an ellipsis, so 2 leaves only the ellipsis (0 or 1 throws).
    jdbi.getConfig(SqlStatements.class).setJfrParamMaxLength(JFR_PARAMS_LENGTH_NONE);
    this.dialect = dialect;
  }

  /**
   * The embedded H2 database file of a data directory. H2's default per-session cache of parsed
   * statements (8) is smaller than the set a job's path uses, so it is raised.
   */
  public static String embeddedUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("ferry")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";
  }

  /**
   * Opens the database and migrates its schema to this version of Ferry.
   *
   * @throws IllegalStateException with a readable cause when it cannot be reached or migrated
   */
  public static Database open(String url, int poolSize) {
    SqlDialect dialect = SqlDialect.of(url);
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setMaximumPoolSize(poolSize);
    hc.setPoolName("ferry-db");
    hc.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot open the database " + redact(url) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw new IllegalStateException("cannot migrate the database " + redact(url) + ": " + rootMessage(e), e);
    }
    return new Database(ds, dialect);
  }

  /** Reports the pool's connections (in use, idle, waits, timeouts) to {@code factory}'s tracker; once only. */
  public void trackPool(MetricsTrackerFactory factory) {
    dataSource.setMetricsTrackerFactory(factory);
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public SqlDialect dialect() {
    return dialect;
  }

  /** The URL without its password, for logs. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getMessage();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
