package ferry.web.admin.automation;

import ferry.core.schedule.ScheduledJob;
import java.time.Instant;

/** A scheduled job and when it fires next (null while disabled). */
public record ScheduleRow(ScheduledJob job, Instant nextRunAt) {}
