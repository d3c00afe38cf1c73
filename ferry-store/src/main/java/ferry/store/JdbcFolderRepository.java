package ferry.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.folder.Folder;
import ferry.core.error.ConflictException;
import ferry.core.folder.FolderRepository;
import ferry.core.folder.FolderStats;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

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
    try {
      return jdbi.inTransaction(h -> {
        List<String> users = owners(h, "user_folder_mappings", "users", "user_id", "username", name);
        List<String> groups = owners(h, "group_folder_mappings", "account_groups", "group_id", "name", name);
        if (!users.isEmpty() || !groups.isEmpty())
          throw new ConflictException("folder '" + name + "' is mapped by " + describe(users, "user", "users")
              + (users.isEmpty() || groups.isEmpty() ? "" : " and ") + describe(groups, "group", "groups")
              + "; remove it from their virtual_folders first");
        return h.createUpdate("DELETE FROM folders WHERE name = :n").bind("n", name).execute() > 0;
      });
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isForeignKeyViolation(e))
        throw new ConflictException("folder '" + name + "' is mapped by users or groups; remove it from them first");
      throw e;
    }
  }

  @Override
  public FolderStats stats(String name) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT used_quota_size, used_quota_files, last_quota_update FROM folders WHERE name = :n")
        .bind("n", name)
        .map((rs, ctx) -> new FolderStats(rs.getLong("used_quota_size"), rs.getLong("used_quota_files"),
            Sql.instant(rs, "last_quota_update"), owners(h, "user_folder_mappings", "users", "user_id", "username", name)))
        .findOne().orElse(FolderStats.NONE));
  }

  private static List<String> owners(Handle h, String table, String ownerTable, String ownerColumn, String nameColumn,
      String folder) {
    return h.createQuery("SELECT o." + nameColumn + " FROM " + table + " m JOIN " + ownerTable + " o ON o.id = m."
            + ownerColumn + " JOIN folders f ON f.id = m.folder_id WHERE f.name = :n ORDER BY o." + nameColumn)
        .bind("n", folder).mapTo(String.class).list();
  }

  private static String describe(List<String> names, String one, String many) {
    if (names.isEmpty()) return "";
    List<String> shown = names.subList(0, Math.min(names.size(), 20));
    return (names.size() == 1 ? one : names.size() + " " + many) + " " + String.join(", ", shown)
        + (names.size() > shown.size() ? ", ..." : "");
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
