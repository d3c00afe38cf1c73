package ferry.server;

import java.time.Instant;

/** Tests' reach into a server's scheduler: fire a scheduled job without waiting for its time. */
public final class ScheduleHooks {
  private ScheduleHooks() {}

  /** Makes {@code jobId} fire now. */
  public static void fireNow(FerryServer server, String jobId) {
    server.fireScheduledJob(jobId, Instant.now());
  }

  /** The job's next firing as the scheduler holds it; empty when none is planned. */
  public static java.util.Optional<Instant> planned(FerryServer server, String jobId) {
    return server.plannedFiring(jobId);
  }

  /** Makes {@code jobId} fire now as the firing planned for {@code at} (a past time: late by that much). */
  public static void fireAsOf(FerryServer server, String jobId, Instant at) {
    server.fireScheduledJob(jobId, at);
  }
}
