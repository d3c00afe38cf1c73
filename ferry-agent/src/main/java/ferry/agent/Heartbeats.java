package ferry.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's heartbeat ({@code POST /api/agents/heartbeat}): status, load, memory, version and
 * interval. Not queued: a missed heartbeat is simply superseded by the next one.
 */
final class Heartbeats {
  private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);

  private final ServerApi api;
  private final String version;
  private final Duration interval;
  private volatile boolean failing;

  Heartbeats(ServerApi api, String version, Duration interval) {
    this.api = api;
    this.version = version;
    this.interval = interval;
  }

  /** Sends one heartbeat; logs only the changes between reaching and not reaching the server. */
  void beat() {
    try {
      ApiResult r = api.post("/api/agents/heartbeat", body());
      if (r.ok()) {
        if (failing) log.info("heartbeat: the server answers again");
        failing = false;
      } else {
        fail(r.describe());
      }
    } catch (IOException e) {
      fail(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fail(String why) {
    if (!failing) log.warn("heartbeat failed: {} (reports wait in the queue)", why);
    failing = true;
  }

  ObjectNode body() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    double load = os.getSystemLoadAverage();
    ObjectNode b = Json.object().put("status", "online").put("version", version).put("heartbeatInterval", interval.toSeconds());
    // load: the 1-minute load average per processor; memory: MiB in use on this machine
    if (load >= 0) b.put("load", Math.round(load / os.getAvailableProcessors() * 100) / 100.0);
    if (os instanceof com.sun.management.OperatingSystemMXBean sun)
      b.put("memory", (sun.getTotalMemorySize() - sun.getFreeMemorySize()) / (1024 * 1024));
    return b;
  }
}
