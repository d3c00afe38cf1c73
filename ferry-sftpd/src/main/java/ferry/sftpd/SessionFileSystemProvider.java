package ferry.sftpd;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The NIO provider behind every {@link SessionFileSystem}: each call becomes one {@link
 * ferry.core.session.FileSession} call on the path's own session. Stateless.
 */
final class SessionFileSystemProvider extends FileSystemProvider {
  @Override
  public String getScheme() {
    return "ferry-session";
  }

  private static SessionPath cast(Path p) {
    if (p instanceof SessionPath sp) {
      return sp;
    }
    throw new ProviderMismatchException("Not a session path: " + p);
  }

  private static SessionFileSystem fs(Path p) {
    return cast(p).getFileSystem();
  }

  @Override
  public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
    throw new UnsupportedOperationException("Session file systems are made per login");
  }

  @Override
  public FileSystem getFileSystem(URI uri) {
    throw new UnsupportedOperationException("Session file systems are made per login");
  }

  @Override
  public Path getPath(URI uri) {
    throw new UnsupportedOperationException("Session paths have no URI");
  }

  @Override
  public SeekableByteChannel newByteChannel(
      Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
    return fs(path).open(cast(path).virtual(), options);
  }

  @Override
  public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
      throws IOException {
    SessionPath d = cast(dir);
    return new SessionDirectoryStream(d, d.getFileSystem().session().list(d.virtual()), filter);
  }

  @Override
  public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
    SessionFileSystem fs = fs(dir);
    fs.cache().clear();
    fs.session().mkdir(cast(dir).virtual());
  }

  @Override
  public void delete(Path path) throws IOException {
    SessionFileSystem fs = fs(path);
    fs.cache().clear();
    fs.session().remove(cast(path).virtual());
  }

  @Override
  public void copy(Path source, Path target, CopyOption... options) {
    throw new UnsupportedOperationException("Server-side copy is not supported");
  }

  @Override
  public void move(Path source, Path target, CopyOption... options) throws IOException {
    SessionFileSystem fs = fs(source);
    if (fs != fs(target)) {
      throw new ProviderMismatchException("Cannot move between sessions");
    }
    boolean replace = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING);
    fs.cache().clear();
    fs.session().rename(cast(source).virtual(), cast(target).virtual(), replace);
  }

  @Override
  public boolean isSameFile(Path path, Path path2) {
    return cast(path).virtual().equals(cast(path2).virtual()) && fs(path) == fs(path2);
  }

  @Override
  public boolean isHidden(Path path) {
    return false;
  }

  @Override
  public FileStore getFileStore(Path path) {
    throw new UnsupportedOperationException("No file store information");
  }

  /** Checks existence only; what a user may do is checked by each operation. */
  @Override
  public void checkAccess(Path path, AccessMode... modes) throws IOException {
    fs(path).stat(cast(path).virtual());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V extends FileAttributeView> V getFileAttributeView(
      Path path, Class<V> type, LinkOption... options) {
    if (type == BasicFileAttributeView.class || type == PosixFileAttributeView.class) {
      return (V) new View(cast(path));
    }
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    if (type.isAssignableFrom(SessionAttributes.class)) {
      return (A) fs(path).stat(cast(path).virtual());
    }
    throw new UnsupportedOperationException("No " + type.getSimpleName() + " here");
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    int colon = attributes.indexOf(':');
    String view = colon < 0 ? "basic" : attributes.substring(0, colon);
    String names = colon < 0 ? attributes : attributes.substring(colon + 1);
    if (!fs(path).supportedFileAttributeViews().contains(view)) {
      throw new UnsupportedOperationException("No attribute view " + view);
    }
    return fs(path).stat(cast(path).virtual()).toMap(view, names);
  }

  /**
   * Attribute changes through {@code Files} (SCP's {@code -p}): the modification time is kept where
   * the storage can, a mode change is checked against {@code chmod} and otherwise ignored, like
   * SFTP's SETSTAT (see {@link SessionSftpAccessor}); other attributes are ignored.
   */
  @Override
  public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
    String name = attribute.substring(attribute.indexOf(':') + 1);
    if (name.equals("lastModifiedTime") && value instanceof FileTime time) {
      fs(path).setModified(cast(path).virtual(), time.toInstant());
    } else if (name.equals("permissions") || name.equals("mode")) {
      cast(path).getFileSystem().session().checkModeChange(cast(path).virtual());
    }
  }

  /** Reads attributes; times and modes change as {@link #setAttribute} says. */
  private record View(SessionPath path) implements PosixFileAttributeView {
    @Override
    public String name() {
      return "posix";
    }

    @Override
    public SessionAttributes readAttributes() throws IOException {
      return path.getFileSystem().stat(path.virtual());
    }

    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
        throws IOException {
      if (lastModifiedTime != null) {
        path.getFileSystem().setModified(path.virtual(), lastModifiedTime.toInstant());
      }
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
      path.getFileSystem().session().checkModeChange(path.virtual());
    }

    @Override
    public void setGroup(java.nio.file.attribute.GroupPrincipal group) {
      throw new UnsupportedOperationException("Changing the group is not supported");
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
      return readAttributes().owner();
    }

    @Override
    public void setOwner(UserPrincipal owner) {
      throw new UnsupportedOperationException("Changing the owner is not supported");
    }
  }
}
