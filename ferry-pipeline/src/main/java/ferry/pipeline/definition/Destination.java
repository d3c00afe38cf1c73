package ferry.pipeline.definition;

import static java.util.Objects.requireNonNull;

/**
 * Where a run delivers its files: a location (the directory they go into), what to do when a
 * file of that name is there, and whether to write under a temporary name and rename at the end
 * (default yes, so that nothing half-written appears under the real name).
 */
public record Destination(Location location, Overwrite overwrite, boolean tempRename) {
  public Destination {
    requireNonNull(location, "No destination location");
    overwrite = overwrite == null ? Overwrite.REPLACE : overwrite;
  }

  /** A file of the same name at the destination: replace it, leave it and skip ours, or fail the run. */
  public enum Overwrite { REPLACE, SKIP, FAIL }
}
