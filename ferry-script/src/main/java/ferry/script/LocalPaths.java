package ferry.script;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Checks the local paths of {@code Download} and {@code Upload} against {@link
 * ScriptHost#localDirs()}: a path must be absolute and, after {@code ..} is resolved and every
 * symbolic link of its existing part is followed, lie inside one of those directories.
 */
final class LocalPaths {
  /** The setting that allows local directories, named in refusals. */
  static final String SETTING = "ferry serve --local-dir DIR";

  /**
   * A checked local path.
   *
   * @param root the real path of the allowed directory that holds it
   * @param path the path below {@code root}
   * @param real the full real path, as transfer records show it
   */
  record Resolved(Path root, VPath path, Path real) {}

  private LocalPaths() {}

  /**
   * Resolves {@code localPath} inside one of {@code allowed}.
   *
   * @throws AccessDeniedException naming {@link #SETTING} if no directory is allowed, or the path
   *     is relative, invalid, or leads outside every allowed directory
   * @throws IOException if the file system cannot be read
   */
  static Resolved resolve(String localPath, List<Path> allowed) throws IOException {
    String where = TransferRecord.LOCAL + ": " + localPath;
    if (allowed.isEmpty()) {
      throw new AccessDeniedException(
          where,
          null,
          "Download and Upload are off: no local directory is allowed for scripts ("
              + SETTING
              + ")");
    }
    Path given;
    try {
      given = Path.of(localPath);
    } catch (InvalidPathException e) {
      throw new AccessDeniedException(where, null, "invalid path: " + e.getReason());
    }
    if (!given.isAbsolute()) {
      throw new AccessDeniedException(where, null, "not an absolute path");
    }
    Path real = realPath(given.normalize(), where);
    for (Path dir : allowed) {
      Optional<Path> root = realDir(dir);
      if (root.isPresent() && real.startsWith(root.get())) {
        VPath path = VPath.ROOT;
        for (Path name : root.get().relativize(real)) {
          path = path.child(name.toString());
        }
        return new Resolved(root.get(), path, real);
      }
    }
    throw new AccessDeniedException(
        where, null, "outside the local directories allowed for scripts (" + SETTING + ")");
  }

  // The real path of the deepest existing part, followed by the names that do not exist yet.
  private static Path realPath(Path normal, String where) throws IOException {
    Deque<String> missing = new ArrayDeque<>();
    Path probe = normal;
    while (probe.getParent() != null && !Files.exists(probe, NOFOLLOW_LINKS)) {
      missing.addFirst(probe.getFileName().toString());
      probe = probe.getParent();
    }
    Path real;
    try {
      real = probe.toRealPath();
    } catch (IOException e) {
      throw new AccessDeniedException(where, null, "a symbolic link on the path leads nowhere");
    }
    for (String name : missing) {
      real = real.resolve(name);
    }
    return real;
  }

  // Allowed directories that do not exist (yet) are skipped.
  private static Optional<Path> realDir(Path dir) {
    try {
      Path real = dir.toRealPath();
      return Files.isDirectory(real) ? Optional.of(real) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
