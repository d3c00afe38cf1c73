package ferry.vfs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Wraps a {@link Vfs} so that reads or uploads fail after a number of bytes, to prove that a
 * failure half-way leaves nothing behind. The real backend still sees the partial upload and its
 * abort.
 */
public final class FailingVfs implements Vfs {
  private final Vfs delegate;
  private final long failReadsAfter;
  private final long failWritesAfter;

  /** Use {@link Long#MAX_VALUE} for "never". */
  public FailingVfs(Vfs delegate, long failReadsAfter, long failWritesAfter) {
    this.delegate = delegate;
    this.failReadsAfter = failReadsAfter;
    this.failWritesAfter = failWritesAfter;
  }

  @Override
  public String endpoint() {
    return "failing+" + delegate.endpoint();
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    return delegate.stat(path);
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    return delegate.list(dir);
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    return new FilterInputStream(delegate.openRead(path, offset)) {
      private long count;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (count >= failReadsAfter) {
          throw new IOException("injected read failure after " + count + " bytes");
        }
        int n = super.read(b, off, (int) Math.min(len, failReadsAfter - count));
        count += Math.max(n, 0);
        return n;
      }
    };
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    Upload up = delegate.openWrite(path, options);
    return new AbstractUpload(endpoint() + path, up.position()) {
      private long count;

      @Override
      protected void doWrite(ByteBuffer src) throws IOException {
        if (count + src.remaining() > failWritesAfter) {
          ByteBuffer head = src.slice().limit((int) (failWritesAfter - count));
          up.write(head);
          throw new IOException("injected write failure after " + failWritesAfter + " bytes");
        }
        count += src.remaining();
        up.write(src);
      }

      @Override
      protected void doCommit() throws IOException {
        up.commit();
      }

      @Override
      protected void doAbort() throws IOException {
        up.close();
      }

      @Override
      protected void doRelease() throws IOException {
        up.close();
      }
    };
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    delegate.mkdir(dir);
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    delegate.rename(from, to, replace);
  }

  @Override
  public void remove(VPath path) throws IOException {
    delegate.remove(path);
  }

  @Override
  public Set<Capability> capabilities() {
    return delegate.capabilities();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
