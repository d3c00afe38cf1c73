package ferry.store;

import ferry.core.account.Group;
import ferry.core.account.GroupRepository;
import ferry.core.account.GroupUserSettings;
import ferry.core.error.ConflictException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Groups with their user settings as a JSON document and their folder mappings. */
final class JdbcGroupRepository implements GroupRepository {
  private final Jdbi jdbi;

  JdbcGroupRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public long insert(Group g) {
    return Sql.unique("a group named '" + g.name() + "' already exists", () -> jdbi.inTransaction(h -> {
      long id = h.createUpdate("""
              INSERT INTO account_groups (name, description, user_settings, created_at, updated_at)
              VALUES (:name, :descr, :settings, :c, :u)""")
          .bind("name", g.name()).bind("descr", g.description()).bind("settings", Docs.write(g.userSettings()))
          .bind("c", Sql.ts(g.createdAt())).bind("u", Sql.ts(g.updatedAt()))
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      Mappings.insertFolders(h, "group_folder_mappings", "group_id", id, g.virtualFolders());
      return id;
    }));
  }

  @Override
  public void update(Group g) {
    jdbi.useTransaction(h -> {
      Long id = h.createQuery("SELECT id FROM account_groups WHERE name = :n FOR UPDATE").bind("n", g.name())
          .mapTo(Long.class).findOne().orElse(null);
      if (id == null) return;
      h.createUpdate("UPDATE account_groups SET description = :descr, user_settings = :settings, updated_at = :u"
              + " WHERE id = :id")
          .bind("descr", g.description()).bind("settings", Docs.write(g.userSettings()))
          .bind("u", Sql.ts(g.updatedAt())).bind("id", id).execute();
      h.createUpdate("DELETE FROM group_folder_mappings WHERE group_id = :id").bind("id", id).execute();
      Mappings.insertFolders(h, "group_folder_mappings", "group_id", id, g.virtualFolders());
    });
  }

  @Override
  public Optional<Group> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM account_groups WHERE name = :n").bind("n", name)
        .map((rs, ctx) -> map(rs)).findOne().map(g -> withFolders(h, g)));
  }

  @Override
  public List<Group> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM account_groups ORDER BY name")
        .map((rs, ctx) -> map(rs)).list().stream().map(g -> withFolders(h, g)).toList());
  }

  @Override
  public boolean delete(String name) {
    try {
      return jdbi.withHandle(h -> h.createUpdate("DELETE FROM account_groups WHERE name = :n").bind("n", name)
          .execute()) > 0;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isForeignKeyViolation(e))
        throw new ConflictException("group '" + name + "' still has members; remove it from them first");
      throw e;
    }
  }

  private static Group withFolders(Handle h, Group g) {
    return new Group(g.id(), g.name(), g.description(), g.userSettings(),
        Mappings.folders(h, "group_folder_mappings", "group_id", g.id()), g.createdAt(), g.updatedAt());
  }

  private static Group map(ResultSet rs) throws SQLException {
    return new Group(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
        Docs.read(rs.getString("user_settings"), GroupUserSettings.class, "group " + rs.getString("name")),
        List.of(), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
  }
}
