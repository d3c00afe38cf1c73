package ferry.pipeline.definition;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Which files a run picks up: those under {@code location} whose name matches {@code pattern} (a
 * glob, default "*") or {@code regex} (never both), within the size bounds, last modified at least
 * {@code minAge} ago (a file still being written is left for a later run), in subdirectories too
 * when {@code recursive}; and what happens to each source file once the run has delivered it.
 *
 * @param minSize null for no lower bound (bytes)
 * @param maxSize null for no upper bound (bytes)
 * @param minAge zero for any age
 * @param archivePath where {@link AfterSuccess#MOVE} moves picked files (in the same location); null otherwise
 */
public record Source(
    Location location,
    String pattern,
    String regex,
    boolean recursive,
    Long minSize,
    Long maxSize,
    Duration minAge,
    AfterSuccess after,
    String archivePath) {
  public Source {
    requireNonNull(location, "No source location");
    if (pattern == null && regex == null) pattern = "*";
    minAge = minAge == null ? Duration.ZERO : minAge;
    after = after == null ? AfterSuccess.KEEP : after;
  }

  /** What becomes of a source file after its run succeeded. */
  public enum AfterSuccess { KEEP, DELETE, MOVE }
}
