package ferry.core.settings;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import java.util.Map;

/** Reads and changes run-time settings. */
public final class SettingsService {
  static final String ALLOW_CLI_RUN = "allow_cli_run";
  static final String RATE_PUBLIC = "ratelimit.public";
  static final String RATE_AUTHENTICATED = "ratelimit.authenticated";
  static final String RATE_AGENT = "ratelimit.agent";
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

  /** The orchestration face's rate limits, seed defaults filled in. */
  public RateLimitSettings rateLimits() {
    Map<String, String> all = repo.all();
    RateLimitSettings d = RateLimitSettings.DEFAULTS;
    return new RateLimitSettings(number(all, RATE_PUBLIC, d.publicPerMinute()),
        number(all, RATE_AUTHENTICATED, d.authenticatedPerMinute()), number(all, RATE_AGENT, d.agentPerMinute()));
  }

  /** Changes the rate limits that are non-null (requests per minute) and returns the result. */
  public RateLimitSettings updateRateLimits(Actor actor, Long publicPerMinute, Long authenticatedPerMinute,
      Long agentPerMinute) {
    actor.requireAdmin("change settings");
    RateLimitSettings now = rateLimits();
    RateLimitSettings next = new RateLimitSettings( // validates all before storing any
        publicPerMinute == null ? now.publicPerMinute() : publicPerMinute,
        authenticatedPerMinute == null ? now.authenticatedPerMinute() : authenticatedPerMinute,
        agentPerMinute == null ? now.agentPerMinute() : agentPerMinute);
    if (publicPerMinute != null) repo.put(RATE_PUBLIC, publicPerMinute.toString());
    if (authenticatedPerMinute != null) repo.put(RATE_AUTHENTICATED, authenticatedPerMinute.toString());
    if (agentPerMinute != null) repo.put(RATE_AGENT, agentPerMinute.toString());
    return next;
  }

  /** A stored number; the default when absent or unreadable (a hand-edited row must not stop the face). */
  private static long number(Map<String, String> all, String key, long dflt) {
    String v = all.get(key);
    if (v == null) return dflt;
    try {
      long n = Long.parseLong(v.strip());
      return n >= 1 && n <= RateLimitSettings.MAX ? n : dflt;
    } catch (NumberFormatException e) {
      return dflt;
    }
  }
}
