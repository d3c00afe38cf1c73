package ferry.core.job;

import java.time.Instant;

/** A job as listings show it: without its script source and params, which may be large. */
public record JobSummary(
    String id,
    String scriptId,
    String scriptName,
    String filePath,
    JobTrigger trigger,
    JobStatus status,
    Integer exitCode,
    String error,
    String owner,
    String node,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {}
