package ferry.server.metrics;

import ferry.core.transfer.TransferRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Finished transfers and their bytes by protocol, direction and result; with per-user series on,
 * also by user and direction, for at most {@code maxUsers} users.
 */
final class TransferMeters {
  private final MeterProvider<Counter> transfers;
  private final MeterProvider<Counter> bytes;
  private final MeterProvider<Counter> userTransfers;
  private final MeterProvider<Counter> userBytes;
  private final int maxUsers;
  private final Set<String> users = new HashSet<>();

  /** {@code maxUsers} 0 keeps no per-user series. */
  TransferMeters(MeterRegistry registry, int maxUsers) {
    this.maxUsers = maxUsers;
    transfers = Counter.builder("ferry.transfers")
        .description("Finished file transfers (SFTP, SCP, HTTP sessions and jobs)").withRegistry(registry);
    bytes = Counter.builder("ferry.transfer.bytes").baseUnit("bytes")
        .description("Bytes moved by finished transfers, also by failed ones").withRegistry(registry);
    userTransfers = Counter.builder("ferry.user.transfers")
        .description("Finished session transfers of each user (--metrics-per-user)").withRegistry(registry);
    userBytes = Counter.builder("ferry.user.transfer.bytes").baseUnit("bytes")
        .description("Bytes moved by each user's session transfers (--metrics-per-user)").withRegistry(registry);
  }

  void record(TransferRecord r) {
    String direction = label(r.direction());
    String[] tags = {"protocol", label(r.protocol()), "direction", direction, "result", r.ok() ? "ok" : "failed"};
    transfers.withTags(tags).increment();
    bytes.withTags(tags).increment(r.bytes());
    if (maxUsers == 0 || r.username() == null) return; // job transfers have no user
    String user = userLabel(r.username());
    userTransfers.withTags("user", user, "direction", direction).increment();
    userBytes.withTags("user", user, "direction", direction).increment(r.bytes());
  }

  /** The user's own label while fewer than {@code maxUsers} have one, else {@link MetricsConfig#OTHER_USERS}. */
  private synchronized String userLabel(String username) {
    if (users.contains(username)) return username;
    if (users.size() >= maxUsers) return MetricsConfig.OTHER_USERS;
    users.add(username);
    return username;
  }

  private static String label(String value) {
    return value == null ? "unknown" : value.toLowerCase(Locale.ROOT);
  }
}
