package ferry.core.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A job that runs on a schedule (not to be confused with {@link ferry.core.job.Job}, one run of a
 * script). An agent job ({@code agentId} set) moves files between a VFS Library entry and the
 * agent's disk and is run by the agent on its own clock; a server job ({@code agentId} null) is
 * fired by the server: a copy between two VFS Library entries, or a stored script.
 *
 * <p>Nullable: customer (a server job of no customer), agentId, sourcePath, destinationPath (a
 * script job), direction (a server job), scriptName (a copy), lastRunAt.
 */
public record ScheduledJob(
    String id,
    String name,
    String customer,
    String agentId,
    String sourcePath,
    String destinationPath,
    CronSchedule schedule,
    String protocol,
    String direction,
    boolean enabled,
    String scriptName,
    Map<String, String> params,
    MisfirePolicy misfirePolicy,
    Instant lastRunAt,
    Instant createdAt,
    Instant updatedAt) {
  public static final String PULL = "pull";
  public static final String PUSH = "push";

  public ScheduledJob {
    requireNonNull(id, "No job id");
    requireNonNull(name, "No job name");
    requireNonNull(schedule, "No schedule");
    requireNonNull(misfirePolicy, "No misfire policy");
    params = params == null ? Map.of() : Map.copyOf(params);
  }

  /** Whether the server fires it (no agent does). */
  public boolean isServerJob() {
    return agentId == null;
  }

  /** Whether it runs a stored script rather than copying. */
  public boolean isScript() {
    return scriptName != null;
  }

  public ScheduledJob withLastRunAt(Instant at) {
    return new ScheduledJob(id, name, customer, agentId, sourcePath, destinationPath, schedule, protocol, direction,
        enabled, scriptName, params, misfirePolicy, at, createdAt, updatedAt);
  }
}
