package ferry.store;

import ferry.core.account.UsageRepository;
import org.jdbi.v3.core.Jdbi;

/**
 * Quota usage as counters on the users and folders rows. Each change is one {@code UPDATE ... SET
 * used = used + ?}, so concurrent sessions and nodes never lose an update; usage never drops
 * below zero.
 */
final class JdbcUsageRepository implements UsageRepository {
  private final Jdbi jdbi;

  JdbcUsageRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Usage user(String username) {
    return read("users", "username", username);
  }

  @Override
  public Usage folder(String folderName) {
    return read("folders", "name", folderName);
  }

  @Override
  public void addToUser(String username, long size, long files) {
    add("users", "username", username, size, files);
  }

  @Override
  public void addToFolder(String folderName, long size, long files) {
    add("folders", "name", folderName, size, files);
  }

  @Override
  public void setUser(String username, long size, long files) {
    set("users", "username", username, size, files);
  }

  @Override
  public void setFolder(String folderName, long size, long files) {
    set("folders", "name", folderName, size, files);
  }

  private void set(String table, String key, String value, long size, long files) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE " + table
            + " SET used_quota_size = :s, used_quota_files = :f, last_quota_update = CURRENT_TIMESTAMP"
            + " WHERE " + key + " = :k")
        .bind("s", Math.max(0, size)).bind("f", Math.max(0, files)).bind("k", value).execute());
  }

  private Usage read(String table, String key, String value) {
    return jdbi.withHandle(h -> h.createQuery("SELECT used_quota_size, used_quota_files FROM " + table
            + " WHERE " + key + " = :k").bind("k", value)
        .map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2))).findOne().orElse(new Usage(0, 0)));
  }

  private void add(String table, String key, String value, long size, long files) {
    jdbi.useHandle(h -> h.createUpdate("UPDATE " + table
            + " SET used_quota_size = GREATEST(used_quota_size + :s, 0),"
            + " used_quota_files = GREATEST(used_quota_files + :f, 0), last_quota_update = CURRENT_TIMESTAMP"
            + " WHERE " + key + " = :k")
        .bind("s", size).bind("f", files).bind("k", value).execute());
  }
}
