package ferry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import ferry.core.account.FolderMapping;
import ferry.core.account.GroupMapping;
import ferry.core.account.Permissions;
import ferry.core.account.QuotaUsage;
import ferry.core.account.User;
import ferry.core.account.UserFilters;
import ferry.core.account.UserQuery;
import ferry.core.account.UserRepository;
import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Users, their group and folder mappings, in one transaction per change. */
final class JdbcUserRepository implements UserRepository {
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, List<String>>> PERMS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  private final Jdbi jdbi;

  JdbcUserRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public long insert(User u) {
    return Sql.unique("a user named '" + u.username() + "' already exists", () -> jdbi.inTransaction(h -> {
      long id = h.createUpdate("""
              INSERT INTO users (username, status, email, description, expiration_date, password_hash, public_keys,
                home_dir, permissions, quota_size, quota_files, upload_bandwidth, download_bandwidth, max_sessions,
                filters, filesystem, additional_info, last_password_change, created_at, updated_at)
              VALUES (:username, :status, :email, :description, :exp, :hash, :keys, :home, :perms, :qs, :qf, :up,
                :down, :sessions, :filters, :fs, :info, :pwchanged, :created, :updated)""")
          .bindMap(columns(u)).bind("created", Sql.ts(u.createdAt()))
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      insertMappings(h, id, u);
      return id;
    }));
  }

  @Override
  public void update(User u) {
    jdbi.useTransaction(h -> {
      Long id = h.createQuery("SELECT id FROM users WHERE username = :u FOR UPDATE").bind("u", u.username())
          .mapTo(Long.class).findOne().orElse(null);
      if (id == null) return;
      h.createUpdate("""
              UPDATE users SET status = :status, email = :email, description = :description,
                expiration_date = :exp, password_hash = :hash, public_keys = :keys, home_dir = :home,
                permissions = :perms, quota_size = :qs, quota_files = :qf, upload_bandwidth = :up,
                download_bandwidth = :down, max_sessions = :sessions, filters = :filters, filesystem = :fs,
                additional_info = :info, last_password_change = :pwchanged, updated_at = :updated
              WHERE id = :id""")
          .bindMap(columns(u)).bind("id", id).execute();
      h.createUpdate("DELETE FROM user_group_mappings WHERE user_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM user_folder_mappings WHERE user_id = :id").bind("id", id).execute();
      insertMappings(h, id, u);
    });
  }

  @Override
  public Optional<User> find(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", username)
        .map((rs, ctx) -> map(rs)).findOne().map(u -> withMappings(h, u)));
  }

  @Override
  public Page<User> list(PageRequest page) {
    return jdbi.withHandle(h -> {
      List<User> items = h.createQuery("SELECT * FROM users ORDER BY username LIMIT :l OFFSET :o")
          .bind("l", page.limit()).bind("o", page.offset()).map((rs, ctx) -> map(rs)).list()
          .stream().map(u -> withMappings(h, u)).toList();
      long total = h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
      return new Page<>(items, page.page(), page.limit(), total);
    });
  }

  @Override
  public List<User> slice(int offset, int limit, boolean descending) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users ORDER BY username " + (descending ? "DESC" : "ASC")
            + " LIMIT :l OFFSET :o")
        .bind("l", limit).bind("o", offset).map((rs, ctx) -> map(rs)).list()
        .stream().map(u -> withMappings(h, u)).toList());
  }

  @Override
  public Page<User> search(UserQuery q, PageRequest page) {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (!q.search().isEmpty()) where.append(" AND (LOWER(username) LIKE :q ESCAPE '!' OR LOWER(email) LIKE :q ESCAPE '!')");
    if (q.status() != null) where.append(" AND status = :s");
    String dir = q.descending() ? " DESC" : " ASC";
    // the sort column comes from the enum, never from the request
    String order = switch (q.sort()) {
      case USERNAME -> "username" + dir;
      case STATUS -> "status" + dir + ", username";
      case LAST_LOGIN -> "last_login" + dir + (q.descending() ? " NULLS LAST" : " NULLS FIRST") + ", username";
      case QUOTA_USAGE -> "used_quota_size" + dir + ", username";
    };
    String like = "%" + q.search().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
        .replace("_", "!_") + "%";
    return jdbi.withHandle(h -> {
      var select = h.createQuery("SELECT * FROM users" + where + " ORDER BY " + order + " LIMIT :l OFFSET :o")
          .bind("l", page.limit()).bind("o", page.offset());
      var count = h.createQuery("SELECT COUNT(*) FROM users" + where);
      if (!q.search().isEmpty()) {
        select.bind("q", like);
        count.bind("q", like);
      }
      if (q.status() != null) {
        select.bind("s", q.status().intValue());
        count.bind("s", q.status().intValue());
      }
      List<User> items = withMappings(h, select.map((rs, ctx) -> map(rs)).list());
      return new Page<>(items, page.page(), page.limit(), count.mapTo(Long.class).one());
    });
  }

  @Override
  public boolean delete(String username) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM users WHERE username = :u").bind("u", username)
        .execute()) > 0;
  }

  @Override
  public List<String> membersOf(String group) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT u.username FROM users u
            JOIN user_group_mappings m ON m.user_id = u.id
            JOIN account_groups g ON g.id = m.group_id
            WHERE g.name = :g ORDER BY u.username""").bind("g", group).mapTo(String.class).list());
  }

  @Override
  public boolean touchLogin(String username, Instant at, Instant notBefore) {
    return jdbi.withHandle(h -> h.createUpdate("""
            UPDATE users SET last_login = :at
            WHERE username = :u AND (last_login IS NULL OR last_login <= :nb)""")
        .bind("at", Sql.ts(at)).bind("u", username).bind("nb", Sql.ts(notBefore)).execute()) > 0;
  }

  private static Map<String, Object> columns(User u) {
    Map<String, Object> m = new java.util.HashMap<>();
    m.put("username", u.username());
    m.put("status", u.status());
    m.put("email", u.email());
    m.put("description", u.description());
    m.put("exp", Sql.ts(u.expirationDate()));
    m.put("hash", u.passwordHash());
    m.put("keys", Docs.write(u.publicKeys()));
    m.put("home", u.homeDir());
    m.put("perms", Docs.write(Permissions.wire(u.permissions())));
    m.put("qs", u.quotaSize());
    m.put("qf", u.quotaFiles());
    m.put("up", u.uploadBandwidth());
    m.put("down", u.downloadBandwidth());
    m.put("sessions", u.maxSessions());
    m.put("filters", Docs.write(u.filters()));
    m.put("fs", Docs.write(u.filesystem()));
    m.put("info", u.additionalInfo());
    m.put("pwchanged", Sql.ts(u.passwordChangedAt()));
    m.put("updated", Sql.ts(u.updatedAt()));
    return m;
  }

  private static void insertMappings(Handle h, long userId, User u) {
    int i = 0;
    for (GroupMapping g : u.groups()) {
      int n = h.createUpdate("""
              INSERT INTO user_group_mappings (user_id, group_id, group_type, sort_order)
              SELECT :uid, id, :t, :o FROM account_groups WHERE name = :n""")
          .bind("uid", userId).bind("t", g.type()).bind("o", i++).bind("n", g.name()).execute();
      if (n == 0) throw new ValidationException("groups: no group named '" + g.name() + "'");
    }
    Mappings.insertFolders(h, "user_folder_mappings", "user_id", userId, u.virtualFolders());
  }

  /** The mappings of a page of users in two queries, not two per user. */
  private static List<User> withMappings(Handle h, List<User> users) {
    if (users.isEmpty()) return users;
    List<Long> ids = users.stream().map(User::id).toList();
    Map<Long, List<GroupMapping>> groups = new java.util.HashMap<>();
    h.createQuery("""
            SELECT m.user_id, g.name, m.group_type FROM user_group_mappings m JOIN account_groups g ON g.id = m.group_id
            WHERE m.user_id IN (<ids>) ORDER BY m.user_id, m.sort_order""").bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getLong("user_id"), new GroupMapping(rs.getString("name"), rs.getInt("group_type"))))
        .forEach(e -> groups.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    Map<Long, List<FolderMapping>> folders = new java.util.HashMap<>();
    h.createQuery("""
            SELECT m.user_id, f.name, m.virtual_path, m.quota_size, m.quota_files FROM user_folder_mappings m
            JOIN folders f ON f.id = m.folder_id WHERE m.user_id IN (<ids>) ORDER BY m.user_id, m.sort_order""")
        .bindList("ids", ids)
        .map((rs, ctx) -> Map.entry(rs.getLong("user_id"), new FolderMapping(rs.getString("name"),
            rs.getString("virtual_path"), rs.getLong("quota_size"), rs.getLong("quota_files"))))
        .forEach(e -> folders.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
    return users.stream().map(u -> with(u, groups.getOrDefault(u.id(), List.of()), folders.getOrDefault(u.id(), List.of())))
        .toList();
  }

  private static User withMappings(Handle h, User u) {
    List<GroupMapping> groups = h.createQuery("""
            SELECT g.name, m.group_type FROM user_group_mappings m JOIN account_groups g ON g.id = m.group_id
            WHERE m.user_id = :id ORDER BY m.sort_order""").bind("id", u.id())
        .map((rs, ctx) -> new GroupMapping(rs.getString("name"), rs.getInt("group_type"))).list();
    List<FolderMapping> folders = Mappings.folders(h, "user_folder_mappings", "user_id", u.id());
    return with(u, groups, folders);
  }

  private static User with(User u, List<GroupMapping> groups, List<FolderMapping> folders) {
    return new User(u.id(), u.username(), u.status(), u.email(), u.description(), u.expirationDate(),
        u.passwordHash(), u.publicKeys(), u.homeDir(), u.permissions(), u.quotaSize(), u.quotaFiles(),
        u.uploadBandwidth(), u.downloadBandwidth(), u.maxSessions(), u.filters(), u.filesystem(), groups, folders,
        u.additionalInfo(), u.usage(), u.lastLogin(), u.passwordChangedAt(), u.createdAt(), u.updatedAt());
  }

  private static User map(ResultSet rs) throws SQLException {
    String what = "user " + rs.getString("username");
    return new User(rs.getLong("id"), rs.getString("username"), rs.getInt("status"), rs.getString("email"),
        rs.getString("description"), Sql.instant(rs, "expiration_date"), rs.getString("password_hash"),
        Docs.read(rs.getString("public_keys"), STRINGS, what + " public_keys"), rs.getString("home_dir"),
        Permissions.parse("permissions", Docs.read(rs.getString("permissions"), PERMS, what + " permissions")),
        rs.getLong("quota_size"), rs.getLong("quota_files"), rs.getLong("upload_bandwidth"),
        rs.getLong("download_bandwidth"), rs.getInt("max_sessions"),
        Docs.read(rs.getString("filters"), UserFilters.class, what + " filters"),
        Docs.read(rs.getString("filesystem"), TREE, what + " filesystem"), List.of(), List.of(),
        rs.getString("additional_info"),
        new QuotaUsage(rs.getLong("used_quota_size"), rs.getLong("used_quota_files"),
            Sql.instant(rs, "last_quota_update")),
        Sql.instant(rs, "last_login"), Sql.instant(rs, "last_password_change"), Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"));
  }
}
