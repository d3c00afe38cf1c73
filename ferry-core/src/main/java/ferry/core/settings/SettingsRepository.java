package ferry.core.settings;

import java.util.Map;

/** Storage port for run-time settings, as text values by key. */
public interface SettingsRepository {
  /** Every stored setting. */
  Map<String, String> all();

  /** Stores {@code value} under {@code key}, replacing what was there. */
  void put(String key, String value);
}
