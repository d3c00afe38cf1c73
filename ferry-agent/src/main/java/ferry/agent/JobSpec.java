package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One scheduled job as the server lists it to its agent ({@code GET /api/jobs}).
 *
 * @param sourcePath for a pull the remote side as {@code folder-name:/path}, for a push a local path
 * @param destinationPath the other side
 * @param direction {@code pull} (remote to local) or {@code push} (local to remote)
 */
record JobSpec(
    String id, String name, String schedule, String timezone, String sourcePath, String destinationPath,
    String direction, String protocol, boolean enabled) {

  static JobSpec of(JsonNode n) {
    String tz = Json.text(n, "timezone");
    String direction = Json.text(n, "direction");
    return new JobSpec(Json.text(n, "id"), Json.text(n, "name"), Json.text(n, "schedule"), tz == null ? "UTC" : tz,
        Json.text(n, "sourcePath"), Json.text(n, "destinationPath"), direction == null ? "pull" : direction,
        Json.text(n, "protocol"), n.path("enabled").asBoolean(true));
  }

  boolean pull() {
    return !"push".equals(direction);
  }

  /** The remote side, {@code folder-name:/path}. */
  String remote() {
    return pull() ? sourcePath : destinationPath;
  }

  /** The local side, a path on this machine. */
  String local() {
    return pull() ? destinationPath : sourcePath;
  }

  /** Whether a firing under the new definition would differ from this one's clock. */
  boolean sameClock(JobSpec other) {
    return schedule.equals(other.schedule) && timezone.equals(other.timezone);
  }
}
