package ferry.core.account;

import ferry.core.error.ValidationException;

/**
 * What a list of users is narrowed to and ordered by (the console's users page): a substring of the
 * username or e-mail (case-insensitive), one status, a sort key and its direction. Ties are broken by
 * username, so pages do not overlap.
 *
 * @param search substring of username or e-mail; "" for all
 * @param status {@link User#ENABLED}, {@link User#DISABLED}, or null for both
 */
public record UserQuery(String search, Integer status, Sort sort, boolean descending) {
  /** The longest search text accepted. */
  public static final int MAX_SEARCH = 100;

  /** The columns a list can be ordered by. */
  public enum Sort {
    USERNAME("username"),
    STATUS("status"),
    LAST_LOGIN("last_login"),
    QUOTA_USAGE("used_quota_size");

    private final String wire;

    Sort(String wire) {
      this.wire = wire;
    }

    /** How a query parameter names it, e.g. {@code last_login}. */
    public String wire() {
      return wire;
    }

    /** The sort a parameter names; null or "" is {@link #USERNAME}. */
    public static Sort of(String wire) {
      if (wire == null || wire.isEmpty()) return USERNAME;
      for (Sort s : values()) if (s.wire.equals(wire)) return s;
      throw new ValidationException("sort must be username, status, last_login or used_quota_size, got '"
          + (wire.length() > 40 ? wire.substring(0, 40) + "..." : wire) + "'", java.util.Map.of("field", "sort"));
    }
  }

  public static final UserQuery ALL = new UserQuery("", null, Sort.USERNAME, false);

  public UserQuery {
    search = search == null ? "" : search.strip();
    if (search.length() > MAX_SEARCH)
      throw new ValidationException("search must be at most " + MAX_SEARCH + " characters", java.util.Map.of("field", "q"));
    if (status != null && status != User.ENABLED && status != User.DISABLED)
      throw new ValidationException("status must be 1 (enabled) or 0 (disabled), got " + status,
          java.util.Map.of("field", "status"));
    sort = sort == null ? Sort.USERNAME : sort;
  }

  /** Whether {@code u} is in the list (for repositories held in memory). */
  public boolean matches(User u) {
    String s = search.toLowerCase(java.util.Locale.ROOT);
    boolean found = s.isEmpty() || u.username().toLowerCase(java.util.Locale.ROOT).contains(s)
        || (u.email() != null && u.email().toLowerCase(java.util.Locale.ROOT).contains(s));
    return found && (status == null || u.status() == status);
  }
}
