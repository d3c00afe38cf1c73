package ferry.store;

import ferry.core.settings.SettingsRepository;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

final class JdbcSettingsRepository implements SettingsRepository {
  private final Jdbi jdbi;

  JdbcSettingsRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Map<String, String> all() {
    return jdbi.withHandle(h -> {
      Map<String, String> m = new HashMap<>();
      h.createQuery("SELECT name, setting_value FROM settings")
          .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
          .forEach(e -> m.put(e.getKey(), e.getValue()));
      return m;
    });
  }

  @Override
  public void put(String key, String value) {
    jdbi.useTransaction(h -> {
      int n = h.createUpdate("UPDATE settings SET setting_value = :v WHERE name = :k")
          .bind("k", key).bind("v", value).execute();
      if (n == 0)
        h.createUpdate("INSERT INTO settings (name, setting_value) VALUES (:k, :v)")
            .bind("k", key).bind("v", value).execute();
    });
  }
}
