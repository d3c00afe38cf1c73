package ferry.core.job;

/** Which jobs a listing shows; null fields do not filter. {@code owner} limits to one caller's jobs. */
public record JobFilter(JobStatus status, String scriptName, String owner) {}
