package ferry.httpd.orchestration.jobs;

import ferry.core.schedule.JobRun;
import ferry.core.schedule.ScheduleService;
import ferry.core.schedule.ScheduledJob;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The contract's JSON of a scheduled job and of a run. */
final class JobViews {
  private JobViews() {}

  record JobView(String id, String name, String customer, String agentId, String sourcePath, String destinationPath,
      String schedule, String timezone, String protocol, String direction, boolean enabled, String scriptName,
      Map<String, String> params, String misfirePolicy, Instant nextRunAt, Instant lastRunAt, Instant createdAt,
      Instant updatedAt) {}

  record RunView(String id, String jobId, String agentId, String node, Instant scheduledAt, Instant startedAt,
      Instant finishedAt, String status, String error, long bytes, int files, List<String> transferIds) {}

  static JobView job(ScheduledJob j, ScheduleService service) {
    return new JobView(j.id(), j.name(), j.customer(), j.agentId(), j.sourcePath(), j.destinationPath(),
        j.schedule().expression(), j.schedule().timezone(), j.protocol(), j.direction(), j.enabled(), j.scriptName(),
        j.params(), j.misfirePolicy().wire(), service.nextRunAt(j).orElse(null), j.lastRunAt(), j.createdAt(),
        j.updatedAt());
  }

  static RunView run(JobRun r) {
    return new RunView(r.id(), r.jobId(), r.agentId(), r.node(), r.scheduledAt(), r.startedAt(), r.finishedAt(),
        r.status().wire(), r.error(), r.bytes(), r.files(), r.transferIds());
  }
}
