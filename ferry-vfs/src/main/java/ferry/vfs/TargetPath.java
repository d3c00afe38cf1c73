package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Optional;

/**
 * Where one copied file goes, as the caller wrote it. This is the one place that decides it, for
 * every backend and every caller (issue 10): a path ending in a slash means "into this directory",
 * created when missing, and so does a path that is an existing directory; any other path is the
 * file's own path, its missing parents created.
 *
 * @param path the normalized path
 * @param intoDirectory true when the text named a directory: a trailing {@code /}, a last name of
 *     {@code .} or {@code ..}, or the root
 */
public record TargetPath(VPath path, boolean intoDirectory) {
  public TargetPath {
    requireNonNull(path, "No path");
    intoDirectory = intoDirectory || path.isRoot();
  }

  /** Parses {@code text} as {@link VPath#of} does, remembering whether it named a directory. */
  public static TargetPath parse(String text) {
    return new TargetPath(VPath.of(text), namesDirectory(text));
  }

  /** A path that names a file unless it turns out to be an existing directory. */
  public static TargetPath of(VPath path) {
    return new TargetPath(path, false);
  }

  /**
   * True if {@code text} says it is a directory whatever exists there: it ends in {@code /}, or
   * its last name is {@code .} or {@code ..}. Also for local paths, before they become a {@link
   * VPath} or a {@link java.nio.file.Path}, which both drop the trailing slash.
   */
  public static boolean namesDirectory(String text) {
    String t = requireNonNull(text, "No path");
    int slash = t.lastIndexOf('/');
    String last = t.substring(slash + 1);
    return t.isEmpty() || last.isEmpty() || last.equals(".") || last.equals("..");
  }

  /**
   * Returns the path of a file named {@code name} copied here, creating what it needs on {@code
   * dst}: the directory itself when {@link #intoDirectory()}, otherwise the missing parents.
   *
   * @param dst the target file system
   * @param name the source file's name
   * @throws java.nio.file.FileAlreadyExistsException if a file is in the way of a directory
   * @throws IOException if a lookup or a mkdir fails
   */
  public VPath resolve(Vfs dst, String name) throws IOException {
    if (intoDirectory) {
      dst.mkdirs(path);
      return path.child(name);
    }
    Optional<FileAttrs> existing = dst.find(path);
    if (existing.isPresent() && existing.get().isDir()) {
      return path.child(name);
    }
    if (existing.isEmpty()) {
      dst.mkdirs(path.parentOrRoot());
    }
    return path;
  }

  /** The path as written: with a trailing slash when it names a directory. */
  @Override
  public String toString() {
    return intoDirectory && !path.isRoot() ? path + "/" : path.toString();
  }
}
