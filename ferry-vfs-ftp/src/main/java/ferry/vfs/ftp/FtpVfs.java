package ferry.vfs.ftp;

import static java.util.Objects.requireNonNull;

import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsErrors;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;

/**
 * A {@link Vfs} on an FTP or FTPS server, below an optional root directory. Uses MLST/MLSD where
 * the server offers them (exact sizes and UTC times), LIST otherwise. Each stream or upload holds
 * its own control connection from a small pool. Listings arrive whole from the server and are then
 * handed out in batches.
 */
public final class FtpVfs implements Vfs {
  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.ATOMIC_UPLOAD,
          Capability.RESUME_UPLOAD,
          Capability.SERVER_SIDE_RENAME,
          Capability.RENAME_DIRECTORY,
          Capability.REAL_DIRECTORIES);

  /** One command sequence on a borrowed connection. */
  @FunctionalInterface
  interface Call<T> {
    T run(FTPClient c) throws IOException;
  }

  private final FtpVfsConfig config;
  private final FtpPool pool;
  private final String endpoint;
  private volatile String root;

  /** Prepares the pool; the server is contacted on first use. */
  public FtpVfs(FtpVfsConfig config) throws IOException {
    this(config, Clock.systemUTC());
  }

  /** As {@link #FtpVfs(FtpVfsConfig)}, with the clock that ages idle connections. */
  public FtpVfs(FtpVfsConfig config, Clock clock) throws IOException {
    this.config = requireNonNull(config, "No config").validate();
    String scheme = config.tlsMode() == FtpVfsConfig.TlsMode.NONE ? "ftp" : "ftps";
    String dir =
        config.rootDir().isEmpty() || config.rootDir().startsWith("/")
            ? config.rootDir()
            : "/~/" + config.rootDir();
    this.endpoint =
        scheme
            + "://"
            + config.username()
            + "@"
            + config.host()
            + ":"
            + config.effectivePort()
            + dir;
    this.pool = new FtpPool(config, endpoint, requireNonNull(clock, "No clock"));
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  String where(VPath path) {
    return endpoint + path;
  }

  FtpPool pool() {
    return pool;
  }

  <T> T with(Call<T> call) throws IOException {
    FTPClient c = pool.borrow();
    boolean healthy = true;
    try {
      return call.run(c);
    } catch (IOException e) {
      healthy = !isTransportFailure(e);
      throw e;
    } catch (RuntimeException e) {
      healthy = false;
      throw e;
    } finally {
      if (healthy) {
        pool.release(c);
      } else {
        pool.discard(c);
      }
    }
  }

  static boolean isTransportFailure(IOException e) {
    return e instanceof SocketException
        || e instanceof SocketTimeoutException
        || e instanceof FTPConnectionClosedException
        || e instanceof SSLException;
  }

  /** The remote path of {@code p}; the first call learns the login directory. */
  String path(FTPClient c, VPath p) throws IOException {
    String r = root;
    if (r == null) {
      String dir = config.rootDir();
      if (dir.startsWith("/")) {
        r = dir;
      } else {
        String home = c.printWorkingDirectory();
        if (home == null) {
          throw FtpErrors.failure(c, endpoint, "PWD");
        }
        r = dir.isEmpty() ? home : home + "/" + dir;
      }
      r = r.startsWith("/") ? r : "/" + r;
      while (r.length() > 1 && r.endsWith("/")) {
        r = r.substring(0, r.length() - 1);
      }
      root = r;
    }
    if (p.isRoot()) {
      return r;
    }
    return r.equals("/") ? p.toString() : r + p;
  }

  Optional<FileAttrs> find(FTPClient c, VPath p) throws IOException {
    String remote = path(c, p);
    if (c.hasFeature("MLST")) {
      FTPFile f = c.mlistFile(remote);
      if (f != null) {
        return Optional.of(attrs(p.name(), f));
      }
      // 550 is the usual "no such file"; Apache FtpServer answers 501 "Not a valid pathname".
      int code = c.getReplyCode();
      if (code == FTPReply.FILE_UNAVAILABLE || code == 450 || code == 501) {
        return Optional.empty();
      }
      throw FtpErrors.failure(c, where(p), "MLST");
    }
    if (p.isRoot()) {
      return Optional.of(FileAttrs.dir("", Instant.EPOCH));
    }
    for (FileAttrs a : listAll(c, p.parentOrRoot())) {
      if (a.name().equals(p.name())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  FileAttrs stat(FTPClient c, VPath p) throws IOException {
    return find(c, p).orElseThrow(() -> VfsErrors.noSuchFile(where(p), null));
  }

  static FileAttrs attrs(String name, FTPFile f) {
    Instant t = f.getTimestampInstant() == null ? Instant.EPOCH : f.getTimestampInstant();
    return f.isDirectory()
        ? FileAttrs.dir(name, t)
        : FileAttrs.file(name, Math.max(0, f.getSize()), t);
  }

  private List<FileAttrs> listAll(FTPClient c, VPath dir) throws IOException {
    String remote = path(c, dir);
    FTPFile[] files = c.hasFeature("MLSD") ? c.mlistDir(remote) : c.listFiles(remote);
    if (!FTPReply.isPositiveCompletion(c.getReplyCode())) {
      throw FtpErrors.failure(c, where(dir), "listing");
    }
    List<FileAttrs> out = new ArrayList<>(files.length);
    for (FTPFile f : files) {
      if (f != null && !f.getName().equals(".") && !f.getName().equals("..")) {
        String name = f.getName().substring(f.getName().lastIndexOf('/') + 1);
        out.add(attrs(name, f));
      }
    }
    return out;
  }

  void requireParentDir(FTPClient c, VPath p) throws IOException {
    VPath parent = p.parentOrRoot();
    FileAttrs a = find(c, parent).orElseThrow(() -> VfsErrors.noSuchFile(where(parent), null));
    if (!a.isDir()) {
      throw VfsErrors.notDirectory(where(parent), null);
    }
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    return with(c -> stat(c, path));
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    List<FileAttrs> all =
        with(
            c -> {
              if (!stat(c, dir).isDir()) {
                throw VfsErrors.notDirectory(where(dir), null);
              }
              return listAll(c, dir);
            });
    return new DirLister() {
      private int next;

      @Override
      public List<FileAttrs> next(int max) {
        int end = Math.min(all.size(), next + max);
        List<FileAttrs> batch = List.copyOf(all.subList(next, end));
        next = end;
        return batch;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("Negative offset " + offset);
    }
    return FtpReadStream.open(this, path, offset);
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.isDirectory(where(path));
    }
    return FtpUpload.open(this, path, options);
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    with(
        c -> {
          if (c.makeDirectory(path(c, dir))) {
            return null;
          }
          // 550 covers "exists", "no parent" and "denied" alike: look before choosing the error.
          if (find(c, dir).isPresent()) {
            throw VfsErrors.alreadyExists(where(dir), null);
          }
          requireParentDir(c, dir);
          throw FtpErrors.failure(c, where(dir), "MKD");
        });
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    if (from.isRoot() || to.isRoot()) {
      throw VfsErrors.accessDenied(where(from), "cannot rename the root", null);
    }
    with(
        c -> {
          FileAttrs src = stat(c, from);
          requireParentDir(c, to);
          Optional<FileAttrs> existing = find(c, to);
          if (existing.isPresent() && (!replace || existing.get().isDir() || src.isDir())) {
            throw VfsErrors.alreadyExists(where(to), null);
          }
          if (!from.equals(to)) {
            renameOn(c, from, to, existing.isPresent());
          }
          return null;
        });
  }

  /** Renames; over an existing file, tries the server's own replace first, then delete + rename. */
  void renameOn(FTPClient c, VPath from, VPath to, boolean targetExists) throws IOException {
    String src = path(c, from);
    String dst = path(c, to);
    if (c.rename(src, dst)) {
      return;
    }
    if (targetExists && c.deleteFile(dst) && c.rename(src, dst)) {
      return;
    }
    throw FtpErrors.failure(c, where(from) + " -> " + to, "RNFR/RNTO");
  }

  @Override
  public void remove(VPath path) throws IOException {
    if (path.isRoot()) {
      throw VfsErrors.accessDenied(where(path), "cannot remove the root", null);
    }
    with(
        c -> {
          FileAttrs a = stat(c, path);
          String remote = path(c, path);
          if (a.isDir() ? c.removeDirectory(remote) : c.deleteFile(remote)) {
            return null;
          }
          if (a.isDir() && !listAll(c, path).isEmpty()) {
            throw VfsErrors.notEmpty(where(path), null);
          }
          throw FtpErrors.failure(c, where(path), a.isDir() ? "RMD" : "DELE");
        });
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "FtpVfs[" + endpoint + "]";
  }
}
