package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a backend reports about one file or directory.
 *
 * @param name the last path name, {@code ""} for the root
 * @param size the length in bytes; 0 for directories
 * @param modified the last modification time; {@link Instant#EPOCH} where the backend has none
 * @param isDir true for a directory
 */
public record FileAttrs(String name, long size, Instant modified, boolean isDir) {
  public FileAttrs {
    requireNonNull(name, "No name");
    requireNonNull(modified, "No modified time");
    if (size < 0) {
      throw new IllegalArgumentException("Negative size " + size + " for " + name);
    }
  }

  /** Attributes of a regular file. */
  public static FileAttrs file(String name, long size, Instant modified) {
    return new FileAttrs(name, size, modified, false);
  }

  /** Attributes of a directory. */
  public static FileAttrs dir(String name, Instant modified) {
    return new FileAttrs(name, 0, modified, true);
  }
}
