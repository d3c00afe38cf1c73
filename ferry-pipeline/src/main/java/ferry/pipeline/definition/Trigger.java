package ferry.pipeline.definition;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What starts a run besides the API and the CLI (which can always start one).
 *
 * <ul>
 *   <li>{@code manual}: nothing else.
 *   <li>{@code cron}: {@code schedule} (5-field UNIX cron or @hourly/@daily/...) in {@code timezone}
 *       (IANA, default UTC), one run per firing across nodes.
 *   <li>{@code upload}: files uploaded to the file server by {@code user} under {@code path}; the run
 *       starts once uploads there have been quiet for {@code quiet} (default 5 s), so a batch of
 *       files makes one run.
 *   <li>{@code poll}: the source is listed every {@code interval}; files not seen before start a run.
 * </ul>
 * Fields that do not belong to the type are null.
 */
public record Trigger(Type type, String schedule, String timezone, String user, String path, Duration quiet,
    Duration interval) {
  public static final Duration DEFAULT_QUIET = Duration.ofSeconds(5);

  public Trigger {
    requireNonNull(type, "No trigger type");
    if (type == Type.UPLOAD && quiet == null) quiet = DEFAULT_QUIET;
  }

  public static Trigger manual() {
    return new Trigger(Type.MANUAL, null, null, null, null, null, null);
  }

  public enum Type {
    MANUAL, CRON, UPLOAD, POLL;

    /** The YAML's and the database's lower-case name. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
