package ferry.sftpd;

import ferry.core.account.Permission;
import ferry.core.error.QuotaExceededException;
import ferry.core.session.FileSession;
import ferry.core.session.SessionUser;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small {@link FileSession} over one {@link Vfs} for this module's tests: permissions at "/"
 * only, a byte quota, and transfer records kept in a list. The real one lives in ferry-core.
 */
final class VfsFileSession implements FileSession {
  /** What the tests check after a transfer. */
  record Record(String protocol, String path, boolean upload, long bytes, boolean ok, String error) {}

  /** State shared by every session of a test. */
  static final class Shared {
    final Vfs vfs;
    final AtomicLong used = new AtomicLong();
    final List<Record> records = new CopyOnWriteArrayList<>();
    final List<VfsFileSession> opened = new CopyOnWriteArrayList<>();
    volatile long quota;
    volatile Set<Permission> permissions = Set.of(Permission.ALL);

    Shared(Vfs vfs) {
      this.vfs = vfs;
    }
  }

  private final Shared shared;
  private final SessionUser user;
  private final String protocol;
  private final String remoteAddr;
  final Runnable disconnect;
  volatile boolean closed;

  VfsFileSession(Shared shared, SessionUser user, String protocol, String remoteAddr, Runnable disconnect) {
    this.shared = shared;
    this.user = user;
    this.protocol = protocol;
    this.remoteAddr = remoteAddr;
    this.disconnect = disconnect;
    shared.opened.add(this);
  }

  private void require(Permission p, String path) throws AccessDeniedException {
    if (!shared.permissions.contains(Permission.ALL) && !shared.permissions.contains(p)) {
      throw new AccessDeniedException(path, null, "permission " + p.wire() + " is missing on " + path);
    }
  }

  private static VPath v(String path) {
    return VPath.of(path);
  }

  @Override
  public String id() {
    return "test-" + System.identityHashCode(this);
  }

  @Override
  public SessionUser user() {
    return user;
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public String remoteAddr() {
    return remoteAddr;
  }

  @Override
  public String normalize(String path) {
    return v(path).toString();
  }

  @Override
  public FileAttrs stat(String path) throws IOException {
    return shared.vfs.stat(v(path));
  }

  @Override
  public DirLister list(String dir) throws IOException {
    require(Permission.LIST, dir);
    return shared.vfs.list(v(dir));
  }

  @Override
  public Download download(String path) throws IOException {
    require(Permission.DOWNLOAD, path);
    FileAttrs a = shared.vfs.stat(v(path));
    if (a.isDir()) {
      throw new java.nio.file.FileSystemException(path, null, "is a directory");
    }
    return new Download() {
      private InputStream in;
      private long at = -1;
      private long bytes;
      private boolean done;

      @Override
      public long size() {
        return a.size();
      }

      @Override
      public int read(long offset, byte[] buf, int off, int len) throws IOException {
        if (offset >= a.size()) {
          return -1;
        }
        if (in == null || at != offset) {
          if (in != null) {
            in.close();
          }
          in = shared.vfs.openRead(v(path), offset);
          at = offset;
        }
        int total = 0;
        while (total < len) {
          int n = in.read(buf, off + total, len - total);
          if (n < 0) {
            break;
          }
          total += n;
        }
        at += total;
        bytes += total;
        return total == 0 ? -1 : total;
      }

      @Override
      public void close() {
        if (done) {
          return;
        }
        done = true;
        try {
          if (in != null) {
            in.close();
          }
        } catch (IOException e) {
          // nothing to release beyond the stream
        }
        shared.records.add(new Record(protocol, normalize(path), false, bytes, true, null));
      }
    };
  }

  @Override
  public Upload upload(String path, boolean resume) throws IOException {
    require(Permission.UPLOAD, path);
    boolean exists = shared.vfs.find(v(path)).isPresent();
    if (exists && !resume) {
      require(Permission.OVERWRITE, path);
    }
    long start = resume ? shared.vfs.find(v(path)).map(FileAttrs::size).orElse(0L) : 0;
    ferry.vfs.Upload up = shared.vfs.openWrite(v(path), resume ? WriteOptions.append() : WriteOptions.replace());
    return new Upload() {
      private long position = start;
      private String failure;
      private boolean committed;
      private boolean done;
      private String abandoned;

      @Override
      public void write(long offset, ByteBuffer src) throws IOException {
        if (failure != null) {
          throw new IOException("upload failed before: " + failure);
        }
        if (offset != position) {
          failure = "offset " + offset + " is not " + position;
          throw new IOException(failure);
        }
        long q = shared.quota;
        int n = src.remaining();
        if (q > 0 && shared.used.get() + position - start + n > q) {
          failure = "quota";
          throw new QuotaExceededException("the upload would exceed the quota of " + q + " bytes");
        }
        up.write(src);
        position += n;
      }

      @Override
      public long position() {
        return position;
      }

      @Override
      public void commit() throws IOException {
        if (failure != null) {
          throw new IOException("upload failed before: " + failure);
        }
        up.commit();
        committed = true;
        shared.used.addAndGet(position - start);
      }

      @Override
      public void abandon(String reason) {
        abandoned = reason;
      }

      @Override
      public void close() {
        if (done) {
          return;
        }
        done = true;
        try {
          up.close();
        } catch (IOException e) {
          failure = e.toString();
        }
        String error = committed ? null : abandoned != null ? abandoned : failure != null ? failure : "aborted";
        shared.records.add(new Record(protocol, normalize(path), true, position - start, committed, error));
      }
    };
  }

  @Override
  public void mkdir(String dir) throws IOException {
    require(Permission.CREATE_DIRS, dir);
    shared.vfs.mkdir(v(dir));
  }

  @Override
  public void remove(String path) throws IOException {
    FileAttrs a = shared.vfs.stat(v(path));
    require(a.isDir() ? Permission.DELETE_DIRS : Permission.DELETE_FILES, path);
    if (v(path).isRoot()) {
      throw new AccessDeniedException("/", null, "cannot remove the home directory");
    }
    shared.vfs.remove(v(path));
  }

  @Override
  public void rename(String from, String to, boolean replace) throws IOException {
    if (!shared.vfs.find(v(from)).isPresent()) {
      throw new NoSuchFileException(from);
    }
    require(Permission.RENAME_FILES, from);
    shared.vfs.rename(v(from), v(to), replace);
  }

  @Override
  public void close() {
    closed = true;
  }
}
