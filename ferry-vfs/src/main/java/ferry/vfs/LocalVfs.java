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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
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
    Path local = root;
    for (String name : path.names()) {
      local = local.resolve(name);
    }
    Path probe = local;
    while (!probe.equals(root) && !Files.exists(probe, NOFOLLOW_LINKS)) {
      probe = probe.getParent();
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
    return local;
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    Path local = resolve(path);
    try {
      return attrs(path.name(), Files.readAttributes(local, BasicFileAttributes.class));
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(path));
    }
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

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset " + offset);
    }
    Path local = resolve(path);
    try {
      if (Files.isDirectory(local)) {
        throw VfsErrors.isDirectory(where(path));
      }
      FileChannel channel = FileChannel.open(local, StandardOpenOption.READ);
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (FileSystemException e) {
      throw VfsErrors.retarget(e, where(path));
    }
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    Path target = resolve(path);
    Path parent = target.getParent();
    if (path.isRoot() || parent == null) {
      throw VfsErrors.isDirectory(where(path));
    }
    if (!Files.exists(parent)) {
      throw VfsErrors.noSuchFile(where(path.parentOrRoot()), null);
    }
    if (!Files.isDirectory(parent)) {
      throw VfsErrors.notDirectory(where(path.parentOrRoot()), null);
    }
    if (Files.isDirectory(target)) {
      throw VfsErrors.isDirectory(where(path));
    }
    if (options.mode() == WriteMode.CREATE_NEW && Files.exists(target, NOFOLLOW_LINKS)) {
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
