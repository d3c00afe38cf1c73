package ferry.vfs.sftp;

import static java.util.Objects.requireNonNull;

import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsErrors;
import ferry.vfs.WriteMode;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHLimitsExtension;
import org.apache.sshd.sftp.client.SftpClient.Attributes;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClient.CopyMode;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;

/**
 * A {@link Vfs} on a remote SFTP server, below an optional root directory. One SSH session is
 * opened on first use and re-opened when it drops; the MINA SFTP client multiplexes concurrent
 * requests over it. The root is a path prefix, not a chroot: the server's own permissions apply.
 */
public final class SftpVfs implements Vfs {
  static final int IO_CHUNK = 64512; // MINA's and OpenSSH's largest READ/WRITE payload
  /** Upper bound of one WRITE when the server advertises larger (OpenSSH: 261,120 bytes). */
  static final int MAX_WRITE_CHUNK = 256 * 1024;

  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.ATOMIC_UPLOAD,
          Capability.RESUME_UPLOAD,
          Capability.SERVER_SIDE_RENAME,
          Capability.RENAME_DIRECTORY,
          Capability.POSIX_PERMISSIONS,
          Capability.SET_TIMES,
          Capability.REAL_DIRECTORIES);

  /** A live session and the remote directory that maps to {@code /}. */
  record Conn(SftpClient sftp, String root, int writeChunk) {
    String path(VPath p) {
      if (p.isRoot()) {
        return root;
      }
      return root.equals("/") ? p.toString() : root + p;
    }
  }

  private final SftpVfsConfig config;
  private final SftpConnector connector;
  private final String endpoint;
  private Conn conn;

  /**
   * Prepares the connection; the server is contacted on first use.
   *
   * @throws IllegalArgumentException if the config is invalid
   * @throws IOException if the private key cannot be read
   */
  public SftpVfs(SftpVfsConfig config) throws IOException {
    this.config = requireNonNull(config, "No config").validate();
    String root =
        config.rootDir().isEmpty() || config.rootDir().startsWith("/")
            ? config.rootDir()
            : "/~/" + config.rootDir();
    this.endpoint =
        "sftp://" + config.username() + "@" + config.host() + ":" + config.port() + root;
    this.connector = new SftpConnector(config, endpoint);
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  String where(VPath path) {
    return endpoint + path;
  }

  synchronized Conn conn() throws IOException {
    if (conn == null || !conn.sftp().isOpen()) {
      if (conn != null) {
        closeQuietly(conn.sftp());
      }
      SftpClient sftp = connector.connect();
      try {
        conn = new Conn(sftp, remoteRoot(sftp), writeChunk(sftp));
      } catch (IOException e) {
        closeQuietly(sftp);
        throw e;
      }
    }
    return conn;
  }

  private String remoteRoot(SftpClient sftp) throws IOException {
    String dir = config.rootDir();
    String root;
    try {
      root = dir.startsWith("/") ? dir : sftp.canonicalPath(dir.isEmpty() ? "." : dir);
    } catch (IOException e) {
      throw SftpErrors.translate(e, endpoint);
    }
    while (root.length() > 1 && root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    return root;
  }

  private static void closeQuietly(SftpClient sftp) {
    try {
      sftp.close();
    } catch (IOException e) {
      // The session is already broken; a new one replaces it.
    }
  }

  /**
   * The WRITE size to use: what the server's limits@openssh.com allows, up to {@link
   * #MAX_WRITE_CHUNK}; four times fewer requests than {@link #IO_CHUNK} cost both ends less CPU.
   */
  private static int writeChunk(SftpClient sftp) {
    OpenSSHLimitsExtension limits = sftp.getExtension(OpenSSHLimitsExtension.class);
    if (limits == null || !limits.isSupported()) {
      return IO_CHUNK;
    }
    try {
      long max = limits.limits().maxWriteLength;
      return (int) Math.max(IO_CHUNK, Math.min(max, MAX_WRITE_CHUNK));
    } catch (IOException e) {
      return IO_CHUNK; // the server named the extension but would not answer it: use the safe size
    }
  }

  Attributes attributes(Conn c, VPath path) throws IOException {
    try {
      return c.sftp().stat(c.path(path));
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(path));
    }
  }

  static FileAttrs attrs(String name, Attributes a) {
    Instant modified = a.getModifyTime() == null ? Instant.EPOCH : a.getModifyTime().toInstant();
    return a.isDirectory()
        ? FileAttrs.dir(name, modified)
        : FileAttrs.file(name, a.getSize(), modified);
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    return attrs(path.name(), attributes(conn(), path));
  }

  private void requireParentDir(Conn c, VPath path) throws IOException {
    VPath parent = path.parentOrRoot();
    Attributes a;
    try {
      a = attributes(c, parent);
    } catch (NoSuchFileException e) {
      throw VfsErrors.noSuchFile(where(parent), e);
    }
    if (!a.isDirectory()) {
      throw VfsErrors.notDirectory(where(parent), null);
    }
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    Conn c = conn();
    if (!attributes(c, dir).isDirectory()) {
      throw VfsErrors.notDirectory(where(dir), null);
    }
    try {
      CloseableHandle handle = c.sftp().openDir(c.path(dir));
      return new SftpDirLister(this, c, dir, handle);
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(dir));
    }
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset " + offset);
    }
    Conn c = conn();
    if (attributes(c, path).isDirectory()) {
      throw VfsErrors.isDirectory(where(path));
    }
    try {
      InputStream in = c.sftp().read(c.path(path), IO_CHUNK);
      if (offset > 0) {
        in.skip(offset); // a fresh stream skips without reading: it only moves the request offset
      }
      return new SftpReadStream(in, where(path));
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(path));
    }
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.isDirectory(where(path));
    }
    Conn c = conn();
    requireParentDir(c, path);
    Optional<Attributes> existing = find(c, path);
    if (existing.isPresent() && existing.get().isDirectory()) {
      throw VfsErrors.isDirectory(where(path));
    }
    if (existing.isPresent() && options.mode() == WriteMode.CREATE_NEW) {
      throw VfsErrors.alreadyExists(where(path), null);
    }
    long start =
        options.mode() == WriteMode.APPEND ? existing.map(Attributes::getSize).orElse(0L) : 0;
    return SftpUpload.open(this, c, path, options, start);
  }

  Optional<Attributes> find(Conn c, VPath path) throws IOException {
    try {
      return Optional.of(c.sftp().stat(c.path(path)));
    } catch (IOException e) {
      if (SftpErrors.isNotFound(e)) {
        return Optional.empty();
      }
      throw SftpErrors.translate(e, where(path));
    }
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    Conn c = conn();
    try {
      c.sftp().mkdir(c.path(dir));
    } catch (IOException e) {
      // SFTP v3 servers answer plain FAILURE; find out which case it was.
      if (find(c, dir).isPresent()) {
        throw VfsErrors.alreadyExists(where(dir), e);
      }
      requireParentDir(c, dir);
      throw SftpErrors.translate(e, where(dir));
    }
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    if (from.isRoot() || to.isRoot()) {
      throw VfsErrors.accessDenied(where(from), "cannot rename the root", null);
    }
    Conn c = conn();
    Attributes src = attributes(c, from);
    requireParentDir(c, to);
    Optional<Attributes> existing = find(c, to);
    if (existing.isPresent() && (!replace || existing.get().isDirectory() || src.isDirectory())) {
      throw VfsErrors.alreadyExists(where(to), null);
    }
    if (from.equals(to)) {
      return;
    }
    if (existing.isPresent()) {
      renameReplacing(c, from, to);
      return;
    }
    try {
      c.sftp().rename(c.path(from), c.path(to));
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(from) + " -> " + to);
    }
  }

  /** Rename over an existing file: native in SFTP v5+, posix-rename on OpenSSH, else two steps. */
  void renameReplacing(Conn c, VPath from, VPath to) throws IOException {
    String src = c.path(from);
    String dst = c.path(to);
    try {
      if (c.sftp().getVersion() >= SftpConstants.SFTP_V5) {
        c.sftp().rename(src, dst, CopyMode.Overwrite);
        return;
      }
      OpenSSHPosixRenameExtension posix = c.sftp().getExtension(OpenSSHPosixRenameExtension.class);
      if (posix != null && posix.isSupported()) {
        posix.posixRename(src, dst);
        return;
      }
      try {
        c.sftp().remove(dst);
      } catch (IOException e) {
        if (!SftpErrors.isNotFound(e)) {
          throw e;
        }
      }
      c.sftp().rename(src, dst);
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(from) + " -> " + to);
    }
  }

  @Override
  public void setModified(VPath path, Instant time) throws IOException {
    // SFTP v3 sets both times at once; the access time gets the same value.
    Conn c = conn();
    try {
      c.sftp().setStat(c.path(path), new Attributes().accessTime(FileTime.from(time)).modifyTime(FileTime.from(time)));
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(path));
    }
  }

  @Override
  public void remove(VPath path) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.accessDenied(where(path), "cannot remove the root", null);
    }
    Conn c = conn();
    Attributes a;
    try {
      a = c.sftp().lstat(c.path(path));
    } catch (IOException e) {
      throw SftpErrors.translate(e, where(path));
    }
    try {
      if (a.isDirectory()) {
        c.sftp().rmdir(c.path(path));
      } else {
        c.sftp().remove(c.path(path));
      }
    } catch (IOException e) {
      if (a.isDirectory() && hasEntries(c, path)) {
        throw VfsErrors.notEmpty(where(path), e);
      }
      throw SftpErrors.translate(e, where(path));
    }
  }

  private boolean hasEntries(Conn c, VPath dir) throws IOException {
    try (DirLister lister = list(dir)) {
      return !lister.next(1).isEmpty();
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (conn != null) {
        conn.sftp().close();
        conn = null;
      }
    } finally {
      connector.close();
    }
  }

  @Override
  public String toString() {
    return "SftpVfs[" + endpoint + "]";
  }
}
