package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The outcome of copying one file.
 *
 * @param source the source path
 * @param target the target path
 * @param outcome copied, skipped by the overwrite policy, or failed
 * @param bytes bytes transferred (0 when skipped; the count so far when failed)
 * @param duration time spent on this file
 * @param sha256 lowercase hex SHA-256 of the bytes transferred, {@code ""} unless copied
 * @param error what went wrong, {@code ""} unless failed
 */
public record CopyResult(
    VPath source,
    VPath target,
    Outcome outcome,
    long bytes,
    Duration duration,
    String sha256,
    String error) {

  /** How the copy of one file ended. */
  public enum Outcome {
    COPIED,
    SKIPPED,
    FAILED
  }

  public CopyResult {
    requireNonNull(source, "No source");
    requireNonNull(target, "No target");
    requireNonNull(outcome, "No outcome");
    requireNonNull(duration, "No duration");
    requireNonNull(sha256, "No sha256");
    requireNonNull(error, "No error");
  }

  /** True unless the copy failed. */
  public boolean ok() {
    return outcome != Outcome.FAILED;
  }
}
