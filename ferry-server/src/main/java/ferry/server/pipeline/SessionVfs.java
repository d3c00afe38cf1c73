package ferry.server.pipeline;

import ferry.core.session.FileSession;
import ferry.core.session.UploadMode;
import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A file-server user's files as a pipeline reads and writes them: every call goes through the
 * user's {@link FileSession}, with the user's permissions, file patterns and quota, as any of the
 * user's own logins would. Closing it ends the session.
 */
final class SessionVfs implements Vfs {
  private final FileSession session;

  SessionVfs(FileSession session) {
    this.session = session;
  }

  @Override
  public String endpoint() {
    return "user:" + session.user().username() + ":";
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    return session.stat(path.toString());
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    return session.list(dir.toString());
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    FileSession.Download d = offset == 0 ? session.download(path.toString())
        : session.download(path.toString(), offset, Long.MAX_VALUE);
    return d.stream();
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    UploadMode mode = switch (options.mode()) {
      case CREATE_NEW -> UploadMode.CREATE_NEW;
      case REPLACE -> UploadMode.REPLACE;
      case APPEND -> UploadMode.resumeAtEnd();
    };
    FileSession.Upload up = session.upload(path.toString(), mode);
    return new Upload() {
      private boolean open = true;

      @Override
      public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        up.write(up.position(), src);
        return n;
      }

      @Override
      public void commit() throws IOException {
        up.commit();
      }

      @Override
      public long position() {
        return up.position();
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() {
        open = false;
        up.close();
      }
    };
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    session.mkdir(dir.toString());
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    session.rename(from.toString(), to.toString(), replace);
  }

  @Override
  public void remove(VPath path) throws IOException {
    session.remove(path.toString());
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public void close() {
    session.close();
  }
}
