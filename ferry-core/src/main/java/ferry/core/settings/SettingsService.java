package ferry.core.settings;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;

/** Reads and changes run-time settings. */
public final class SettingsService {
  static final String ALLOW_CLI_RUN = "allow_cli_run";
  private final SettingsRepository repo;

  public SettingsService(SettingsRepository repo) {
    this.repo = requireNonNull(repo, "No settings repository");
  }

  /** The current settings, defaults filled in. */
  public Settings get() {
    String v = repo.all().get(ALLOW_CLI_RUN);
    return new Settings(v == null ? Settings.DEFAULT_ALLOW_CLI_RUN : Boolean.parseBoolean(v));
  }

  /** Changes the settings that are non-null in the patch and returns the result. */
  public Settings update(Actor actor, Boolean allowCliRun) {
    actor.requireAdmin("change settings");
    if (allowCliRun != null) repo.put(ALLOW_CLI_RUN, allowCliRun.toString());
    return get();
  }

  /** The stored value of setting {@code key} (a part's own run-time knob), if any. */
  public java.util.Optional<String> find(String key) {
    return java.util.Optional.ofNullable(repo.all().get(key));
  }
}
