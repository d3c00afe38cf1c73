package ferry.server.metrics;

/**
 * Where the metrics are served besides the API's admin-only {@code GET /metrics}, and what they
 * count.
 *
 * @param address the address of the plain-HTTP metrics listener; loopback by default, since it asks
 *     for no credentials
 * @param port the port of that listener; 0 picks a free one, {@link #OFF} (the default) has none
 * @param perUser also count each user's transfers and bytes: a series per user, so off by default,
 *     and at most {@link #MAX_USERS} users per process (the others count as {@link #OTHER_USERS})
 */
public record MetricsConfig(String address, int port, boolean perUser) {
  public static final String DEFAULT_ADDRESS = "127.0.0.1";
  /** The {@code port} of no metrics listener. */
  public static final int OFF = -1;
  /** Users who get their own series when {@code perUser} is on; a bound on the series count. */
  public static final int MAX_USERS = 1000;
  /** The user label of the transfers of users past {@link #MAX_USERS} (no username has parentheses). */
  public static final String OTHER_USERS = "(other)";

  public MetricsConfig {
    if (address == null || address.isBlank()) address = DEFAULT_ADDRESS;
    if (port < OFF || port > 65535)
      throw new IllegalArgumentException("metrics port must be 0-65535, or -1 for no metrics listener, got " + port);
  }

  /** No metrics listener (metrics only on the API, for admins), no per-user series. */
  public static MetricsConfig defaults() {
    return new MetricsConfig(DEFAULT_ADDRESS, OFF, false);
  }

  /** True when the plain-HTTP metrics listener runs. */
  public boolean listener() {
    return port != OFF;
  }
}
