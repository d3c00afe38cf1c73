package ferry.agent;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How one {@code ferry agent} process runs.
 *
 * @param server the Ferry server's base URI, e.g. {@code https://host:44399}
 * @param code a one-time registration code, needed only while the data dir holds no identity
 * @param dataDir where the identity, the report queue and the job cache live
 * @param name the agent's name at registration (default: the host name)
 * @param insecure trust any server certificate (tests, first contact on a closed network)
 * @param caFile a PEM file of the certificates to trust for the server, or null for the system CAs
 * @param heartbeatInterval how often the agent says it is alive
 * @param jobsRefresh how often it reads its scheduled jobs
 * @param shutdownTimeout how long a SIGTERM waits for the running transfer, then for the queue
 * @param bandwidthLimit most bytes per second one transfer moves, 0 for no limit
 */
public record AgentConfig(
    URI server, String code, Path dataDir, String name, boolean insecure, Path caFile,
    Duration heartbeatInterval, Duration jobsRefresh, Duration shutdownTimeout, long bandwidthLimit) {
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_JOBS_REFRESH = Duration.ofMinutes(1);
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

  public AgentConfig {
    requireNonNull(server, "No server");
    requireNonNull(dataDir, "No data dir");
    requireNonNull(name, "No name");
    requireNonNull(heartbeatInterval, "No heartbeat interval");
    requireNonNull(jobsRefresh, "No jobs refresh");
    requireNonNull(shutdownTimeout, "No shutdown timeout");
    if (!"https".equals(server.getScheme()) && !"http".equals(server.getScheme()))
      throw new IllegalArgumentException("--server must be an https:// (or http://) URL, got " + server);
    if (heartbeatInterval.toSeconds() < 1) throw new IllegalArgumentException("--heartbeat-interval must be at least 1 second");
    if (jobsRefresh.toSeconds() < 1) throw new IllegalArgumentException("--jobs-refresh must be at least 1 second");
    if (bandwidthLimit < 0) throw new IllegalArgumentException("--bandwidth-limit must be 0 (none) or more");
    if (insecure && caFile != null) throw new IllegalArgumentException("--insecure and --ca-file exclude each other");
  }
}
