package ferry.core.folder;

import static java.util.Objects.requireNonNull;

import ferry.core.error.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The server's data directory (database, master key, TLS and host keys): a local storage that
 * contains it or lies inside it would hand those files to its users (issue 10). Paths are compared
 * as real paths, so a symbolic link does not hide an overlap.
 */
final class DataDirGuard {
  private final Path dataDir;

  DataDirGuard(Path dataDir) {
    this.dataDir = real(requireNonNull(dataDir, "No data dir"));
  }

  /**
   * Refuses {@code localPath} if it is the data directory, lies inside it or contains it.
   *
   * @param field how the path is called in the message, e.g. {@code home_dir}
   * @throws ValidationException naming {@code field}
   */
  void requireApart(String field, String localPath) {
    if (localPath == null || !localPath.startsWith("/")) {
      return; // not a local directory: the other checks report it
    }
    Path p;
    try {
      p = real(Path.of(localPath));
    } catch (InvalidPathException e) {
      throw new ValidationException(field + " is not a valid path: " + e.getReason());
    }
    if (p.startsWith(dataDir)) {
      throw new ValidationException(field + " '" + localPath + "' lies inside the server's data directory;"
          + " choose a directory outside it");
    }
    if (dataDir.startsWith(p)) {
      throw new ValidationException(field + " '" + localPath + "' contains the server's data directory;"
          + " choose a directory that does not");
    }
  }

  /** The real path of the deepest existing ancestor, with the rest of {@code p} appended. */
  static Path real(Path p) {
    Path abs = p.toAbsolutePath();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs.normalize();
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    } catch (IOException e) {
      return abs.normalize(); // unreadable: compare what was given
    }
  }
}
