package ferry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Folders with their filesystem config kept as a JSON document (its secrets already sealed). */
final class JdbcFolderRepository implements FolderRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  private final Jdbi jdbi;

  JdbcFolderRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public long insert(Folder f) {
    return Sql.unique("a folder named '" + f.name() + "' already exists", () -> jdbi.withHandle(h -> h.createUpdate("""
            INSERT INTO folders (name, description, mapped_path, filesystem, created_at, updated_at)
            VALUES (:name, :descr, :path, :fs, :c, :u)""")
        .bind("name", f.name()).bind("descr", f.description()).bind("path", f.mappedPath())
        .bind("fs", toJson(f.filesystem())).bind("c", Sql.ts(f.createdAt())).bind("u", Sql.ts(f.updatedAt()))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
  }

  @Override
  public void update(Folder f) {
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE folders SET description = :descr, mapped_path = :path, filesystem = :fs, updated_at = :u
            WHERE name = :name""")
        .bind("name", f.name()).bind("descr", f.description()).bind("path", f.mappedPath())
        .bind("fs", toJson(f.filesystem())).bind("u", Sql.ts(f.updatedAt())).execute());
  }

  @Override
  public Optional<Folder> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM folders WHERE name = :n")
        .bind("n", name).map((rs, ctx) -> map(rs)).findOne());
  }

  @Override
  public List<Folder> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM folders ORDER BY name").map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public boolean delete(String name) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM folders WHERE name = :n").bind("n", name).execute()) > 0;
  }

  private static Folder map(ResultSet rs) throws SQLException {
    try {
      return new Folder(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
          rs.getString("mapped_path"), JSON.readValue(rs.getString("filesystem"), TREE),
          Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    } catch (JsonProcessingException e) {
      throw new SQLException("folder " + rs.getString("name") + " has an unreadable filesystem document", e);
    }
  }

  private static String toJson(Map<String, Object> fs) {
    try {
      return JSON.writeValueAsString(fs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("filesystem config cannot be written as JSON", e);
    }
  }
}
