package ferry.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Plain JDBC on a JDBI handle, for the few statements every job runs: there JDBI's per-statement
 * parsing, argument resolution and bookkeeping cost about as much as the database work
 * (issue 2, jobs benchmark). Failures surface as JDBI's exception, like everywhere else.
 */
final class Jdbc {
  private Jdbc() {}

  /** Sets the parameters of a prepared statement. */
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads one row. */
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the update count. */
  static int update(Handle h, String sql, Binder binder) {
    try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Sets the parameters of one row of a batch. */
  interface RowBinder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  /** Runs one INSERT or UPDATE for each of {@code rows} as a single JDBC batch. */
  static <T> void batch(Handle h, String sql, List<T> rows, RowBinder<T> binder) {
    try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
      for (T row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Runs a query expected to return at most one row. */
  static <T> Optional<T> one(Handle h, String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  /** Binds an instant as a UTC timestamp with time zone, or SQL NULL. */
  static void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    else ps.setObject(i, Sql.ts(t));
  }

  static UnableToExecuteStatementException failed(SQLException e) {
    return new UnableToExecuteStatementException(e.getMessage(), e, null);
  }
}
