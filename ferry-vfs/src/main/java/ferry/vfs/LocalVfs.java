package ferry.vfs;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Vfs} over a directory of the local file system, which acts as its root.
 *
 * <p>No path leaves the root: {@link VPath} clamps {@code ..}, and every operation checks that the
 * deepest existing part of the path, with symbolic links followed, is still inside the real root. A
 * link that leads outside the root, or nowhere, is refused with {@link
 * java.nio.file.AccessDeniedException}. The check and the operation are separate system calls, so a
 * local user who can swap links inside the tree between the two can still race it; Ferry itself
 * never creates links.
 */
public final class LocalVfs implements Vfs {
  private final Path root;
  private final String endpoint;
  private final Set<Capability> capabilities;

  /**
   * Opens the tree under {@code root}, which must be an existing directory.
   *
   * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
   * @throws java.nio.file.NotDirectoryException if it is not a directory
   */
  public LocalVfs(Path root) throws IOException {
    requireNonNull(root, "No root");
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw VfsErrors.notDirectory(root.toString(), null);
    }
    this.endpoint = "file://" + this.root;
    EnumSet<Capability> caps =
        EnumSet.of(
            Capability.ATOMIC_UPLOAD,
            Capability.RESUME_UPLOAD,
            Capability.SERVER_SIDE_RENAME,
            Capability.ATOMIC_RENAME,
            Capability.RENAME_DIRECTORY,
            Capability.SET_TIMES,
            Capability.REAL_DIRECTORIES);
    if (this.root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      caps.add(Capability.POSIX_PERMISSIONS);
    }
    this.capabilities = Set.copyOf(caps);
  }

  /** Returns the real path of the root directory. */
  public Path root() {
    return root;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  String where(VPath path) {
    return endpoint + path;
  }

  /** Maps {@code path} below the root, refusing links that lead elsewhere. */
  Path resolve(VPath path) throws IOException {
    return locate(path).local();
  }

  /**
   * A virtual path mapped below the root, with what is there: the attributes of the file or
   * directory (links followed), or null if nothing; then whether its parent is a directory.
   */
  record Located(Path local, BasicFileAttributes attrs, boolean parentIsDir) {}

  /**
   * Maps {@code path} below the root and looks at it with one stat where it exists (two where only
   * its parent does), refusing links that lead elsewhere. Missing paths throw nothing: exceptions
   * cost more than the stat on a busy upload path.
   */
  Located locate(VPath path) throws IOException {
    Path local = root;
    for (String name : path.names()) {
      local = local.resolve(name);
    }
    Path probe = local;
    BasicFileAttributes found = attributesOrNull(probe, NOFOLLOW_LINKS);
    while (found == null && !probe.equals(root)) {
      probe = probe.getParent();
      found = attributesOrNull(probe, NOFOLLOW_LINKS);
    }
    Path real;
    try {
      real = probe.toRealPath();
    } catch (IOException e) {
      throw VfsErrors.accessDenied(where(path), "symbolic link leads nowhere", e);
    }
    if (!real.startsWith(root)) {
      throw VfsErrors.accessDenied(where(path), "symbolic link leads outside the root", null);
    }
    if (found != null && found.isSymbolicLink()) {
      found = attributesOrNull(real, NOFOLLOW_LINKS);
    }
    if (probe.equals(local)) {
      return new Located(local, found, true);
    }
    boolean parentIsDir = probe.equals(local.getParent()) && found != null && found.isDirectory();
    return new Located(local, null, parentIsDir);
  }

  private static BasicFileAttributes attributesOrNull(Path p, LinkOption... options) throws IOException {
    return p.getFileSystem().provider().readAttributesIfExists(p, BasicFileAttributes.class, options);
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    return find(path).orElseThrow(() -> VfsErrors.noSuchFile(where(path), null));
  }

  @Override
  public Optional<FileAttrs> find(VPath path) throws IOException {
    BasicFileAttributes a = locate(path).attrs();
    return a == null ? Optional.empty() : Optional.of(attrs(path.name(), a));
  }

  static FileAttrs attrs(String name, BasicFileAttributes a) {
    return a.isDirectory()
        ? FileAttrs.dir(name, a.lastModifiedTime().toInstant())
        : FileAttrs.file(name, a.size(), a.lastModifiedTime().toInstant());
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    Path local = resolve(dir);
    try {
      DirectoryStream<Path> stream = Files.newDirectoryStream(local);
      return new LocalDirLister(this, dir, stream);
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(dir));
    }
  }

  /** Names from the directory stream alone: no stat per entry (100,000 names in tens of ms). */
  @Override
  public java.util.List<String> listNames(VPath dir) throws IOException {
    Path local = resolve(dir);
    java.util.List<String> names = new java.util.ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(local)) {
      for (Path p : stream) names.add(p.getFileName().toString());
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(dir));
    }
    return names;
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset " + offset);
    }
    Located at = locate(path);
    if (at.attrs() == null) {
      throw VfsErrors.noSuchFile(where(path), null);
    }
    if (at.attrs().isDirectory()) {
      throw VfsErrors.isDirectory(where(path));
    }
    try {
      FileChannel channel = FileChannel.open(at.local(), StandardOpenOption.READ);
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(path));
    }
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.isDirectory(where(path));
    }
    Located at = locate(path);
    Path target = at.local();
    if (at.attrs() != null && at.attrs().isDirectory()) {
      throw VfsErrors.isDirectory(where(path));
    }
    if (at.attrs() == null && !at.parentIsDir()) {
      BasicFileAttributes parent = attributesOrNull(target.getParent());
      throw parent == null
          ? VfsErrors.noSuchFile(where(path.parentOrRoot()), null)
          : VfsErrors.notDirectory(where(path.parentOrRoot()), null);
    }
    if (options.mode() == WriteMode.CREATE_NEW && at.attrs() != null) {
      throw VfsErrors.alreadyExists(where(path), null);
    }
    try {
      return LocalUpload.open(this, path, target, options);
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(path));
    }
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    Path local = resolve(dir);
    try {
      Files.createDirectory(local);
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(dir));
    }
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    if (from.isRoot() || to.isRoot()) {
      throw VfsErrors.accessDenied(where(from), "cannot rename the root", null);
    }
    if (to.startsWith(from) && !to.equals(from)) {
      throw new FileSystemException(where(from), where(to), "cannot move into itself");
    }
    Path src = resolve(from);
    Path dst = resolve(to);
    if (!Files.exists(src, NOFOLLOW_LINKS)) {
      throw VfsErrors.noSuchFile(where(from), null);
    }
    if (!Files.isDirectory(dst.getParent())) {
      throw VfsErrors.noSuchFile(where(to.parentOrRoot()), null);
    }
    if (Files.exists(dst, NOFOLLOW_LINKS)) {
      if (!replace || Files.isDirectory(dst, NOFOLLOW_LINKS)) {
        throw VfsErrors.alreadyExists(where(to), null);
      }
    }
    try {
      if (replace) {
        Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.move(src, dst);
      }
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(from) + " -> " + to);
    }
  }

  @Override
  public void setModified(VPath path, Instant time) throws IOException {
    Path local = resolve(path);
    try {
      Files.setLastModifiedTime(local, FileTime.from(time));
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(path));
    }
  }

  @Override
  public void remove(VPath path) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.accessDenied(where(path), "cannot remove the root", null);
    }
    Path local = resolve(path);
    try {
      Files.delete(local);
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(path));
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** Nothing to release: the local file system stays open. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "LocalVfs[" + root + "]";
  }
}
