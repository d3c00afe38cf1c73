package ferry.core.session;

import ferry.core.session.SessionUser.Mount;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One mount whose storage is opened on first use, never at login (issue 4: logins stay cheap). */
final class MountedVfs {
  private static final Logger LOG = LoggerFactory.getLogger(MountedVfs.class);

  private final Mount mount;
  private final VPath root;
  private final VfsProviders providers;
  private Vfs vfs;
  private boolean closed;

  MountedVfs(Mount mount, VPath root, VfsProviders providers) {
    this.mount = mount;
    this.root = root;
    this.providers = providers;
  }

  Mount mount() {
    return mount;
  }

  /** Where the mount appears in the virtual tree. */
  VPath root() {
    return root;
  }

  /** "home" or the virtual folder's name, for records and messages. */
  String label() {
    return mount.isHome() ? "home" : mount.folderName();
  }

  /** The storage, opened now if this is its first use. */
  synchronized Vfs vfs() throws IOException {
    if (closed) {
      throw new IOException("session closed");
    }
    if (vfs == null) {
      if (mount.isHome()) createLocalHome();
      try {
        vfs = providers.open(mount.storage().type(), mount.storage().settings());
      } catch (IllegalArgumentException e) {
        throw new IOException("the storage of " + label() + " is misconfigured: " + e.getMessage(), e);
      }
    }
    return vfs;
  }

  /**
   * Makes a local home directory that does not exist yet: an admin creates a user and the user
   * uploads at once, over any protocol. A VFS Library folder whose directory is missing stays an
   * error (it names a place someone else set up).
   */
  private void createLocalHome() throws IOException {
    String dir = mount.storage().settings().get("root");
    if (!"local".equals(mount.storage().type()) || dir == null || dir.isBlank()) return;
    java.nio.file.Path home = java.nio.file.Path.of(dir);
    if (java.nio.file.Files.isDirectory(home)) return;
    java.nio.file.Files.createDirectories(home);
    LOG.info("Created the home directory {}", home);
  }

  synchronized void close() {
    closed = true;
    if (vfs == null) {
      return;
    }
    try {
      vfs.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing the storage of {} failed: {}", label(), e.toString());
    }
    vfs = null;
  }
}
