package ferry.store;

import com.fasterxml.jackson.core.type.TypeReference;
import ferry.core.admin.Admin;
import ferry.core.admin.AdminFilters;
import ferry.core.admin.AdminPermission;
import ferry.core.admin.AdminRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Admins; permissions are a JSON array of their API names, filters a JSON object. */
final class JdbcAdminRepository implements AdminRepository {
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
  private static final String INSERT = """
      INSERT INTO admins (username, password_hash, status, email, description, permissions, filters,
        additional_info, created_at, updated_at, last_login)
      VALUES (:username, :hash, :status, :email, :descr, :perms, :filters, :info, :c, :u, :l)""";
  /** What the repository reads and writes of the filters. */
  record StoredFilters(List<String> allow_list, boolean allow_api_key_auth) {}

  private final Jdbi jdbi;

  JdbcAdminRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Admin> find(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM admins WHERE username = :u")
        .bind("u", username)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  @Override
  public boolean insertIfAbsent(Admin a) {
    try {
      insertRow(a);
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (Sql.isUniqueViolation(e)) return false;
      throw e;
    }
  }

  @Override
  public long count() {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admins").mapTo(Long.class).one());
  }

  @Override
  public long insert(Admin a) {
    return Sql.unique("an admin named '" + a.username() + "' already exists", () -> insertRow(a));
  }

  @Override
  public void update(Admin a) {
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE admins SET password_hash = :hash, status = :status, email = :email, description = :descr,
              permissions = :perms, filters = :filters, additional_info = :info, updated_at = :u
            WHERE username = :username""")
        .bindMap(columns(a)).execute());
  }

  @Override
  public List<Admin> list(int offset, int limit, boolean descending) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM admins ORDER BY username "
            + (descending ? "DESC" : "ASC") + " LIMIT :l OFFSET :o")
        .bind("l", limit).bind("o", offset).map((rs, ctx) -> map(rs)).list());
  }

  @Override
  public boolean delete(String username) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM admins WHERE username = :u").bind("u", username)
        .execute()) > 0;
  }

  @Override
  public long countEnabledSuperAdmins() {
    // permissions is written by this class only: "*" alone is stored as ["*"]
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM admins WHERE status = :s AND permissions = :all")
        .bind("s", Admin.ENABLED).bind("all", Docs.write(List.of(AdminPermission.ALL.wire())))
        .mapTo(Long.class).one());
  }

  @Override
  public void touchLogin(String username, Instant at, Instant notBefore) {
    jdbi.useHandle(h -> h.createUpdate("""
            UPDATE admins SET last_login = :at
            WHERE username = :u AND (last_login IS NULL OR last_login <= :nb)""")
        .bind("at", Sql.ts(at)).bind("u", username).bind("nb", Sql.ts(notBefore)).execute());
  }

  private long insertRow(Admin a) {
    return jdbi.withHandle(h -> h.createUpdate(INSERT).bindMap(columns(a))
        .bind("c", Sql.ts(a.createdAt())).bind("l", Sql.ts(a.lastLogin()))
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
  }

  private static Map<String, Object> columns(Admin a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", a.username());
    m.put("hash", a.passwordHash());
    m.put("status", a.status());
    m.put("email", a.email());
    m.put("descr", a.description());
    // "*" grants everything and is stored alone, which countEnabledSuperAdmins relies on
    m.put("perms", Docs.write(a.isSuper() ? List.of(AdminPermission.ALL.wire())
        : a.permissions().stream().sorted().map(AdminPermission::wire).toList()));
    m.put("filters", Docs.write(new StoredFilters(a.filters().allowList(), a.filters().allowApiKeyAuth())));
    m.put("info", a.additionalInfo());
    m.put("u", Sql.ts(a.updatedAt()));
    return m;
  }

  private static Admin map(ResultSet rs) throws SQLException {
    String name = rs.getString("username");
    Set<AdminPermission> perms = EnumSet.noneOf(AdminPermission.class);
    for (String p : Docs.read(rs.getString("permissions"), NAMES, "admin " + name + " permissions"))
      AdminPermission.fromWire(p).ifPresent(perms::add);
    StoredFilters f = Docs.read(rs.getString("filters"), StoredFilters.class, "admin " + name + " filters");
    return new Admin(rs.getLong("id"), name, rs.getString("password_hash"), rs.getInt("status"),
        rs.getString("email"), rs.getString("description"), perms,
        new AdminFilters(f.allow_list(), f.allow_api_key_auth()), rs.getString("additional_info"),
        Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "last_login"));
  }
}
