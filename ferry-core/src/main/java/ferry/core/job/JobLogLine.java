package ferry.core.job;

import java.time.Instant;

/** One line a job logged; {@code seq} counts from 1 within the job. */
public record JobLogLine(long seq, Instant time, String level, String message) {}
