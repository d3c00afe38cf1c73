package ferry.store;

import ferry.core.job.Script;
import ferry.core.job.ScriptRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbcScriptRepository implements ScriptRepository {
  private final Jdbi jdbi;

  JdbcScriptRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void insert(Script s) {
    Sql.unique(taken(s), () -> jdbi.withHandle(h -> h.createUpdate("""
            INSERT INTO scripts (id, name, name_key, description, source, created_at, updated_at)
            VALUES (:id, :name, :key, :descr, :src, :c, :u)""")
        .bind("id", s.id()).bind("name", s.name()).bind("key", key(s.name()))
        .bind("descr", s.description()).bind("src", s.source())
        .bind("c", Sql.ts(s.createdAt())).bind("u", Sql.ts(s.updatedAt())).execute()));
  }

  @Override
  public void update(Script s) {
    Sql.unique(taken(s), () -> jdbi.withHandle(h -> h.createUpdate("""
            UPDATE scripts SET name = :name, name_key = :key, description = :descr, source = :src,
                               updated_at = :u WHERE id = :id""")
        .bind("id", s.id()).bind("name", s.name()).bind("key", key(s.name()))
        .bind("descr", s.description()).bind("src", s.source()).bind("u", Sql.ts(s.updatedAt()))
        .execute()));
  }

  @Override
  public Optional<Script> findById(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM scripts WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public Optional<Script> findByName(String name) {
    // On every POST /v1/jobs by name, so plain JDBC (see Jdbc).
    return jdbi.withHandle(h -> Jdbc.one(h, "SELECT * FROM scripts WHERE name_key = ?",
        ps -> ps.setString(1, key(name)), JdbcScriptRepository::map));
  }

  @Override
  public List<Script> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM scripts ORDER BY name_key")
        .map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public boolean delete(String id) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM scripts WHERE id = :id").bind("id", id).execute()) > 0;
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String taken(Script s) {
    return "a script named '" + s.name() + "' already exists (names are compared ignoring case)";
  }

  private static Script map(ResultSet rs) throws SQLException {
    return new Script(rs.getString("id"), rs.getString("name"), rs.getString("description"),
        rs.getString("source"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
  }
}
