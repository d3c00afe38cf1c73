package ferry.script;

import ferry.vfs.AbstractUpload;
import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wraps a {@link Vfs} to make it slow, stuck or broken: reads can come in small delayed chunks or
 * block until the file system is closed, and uploads can fail after a number of bytes (the real
 * backend still sees the partial upload and its abort). Records whether it was closed.
 */
final class TestVfs implements Vfs {
  private final Vfs delegate;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final CountDownLatch reading = new CountDownLatch(1);
  private volatile int readChunk = Integer.MAX_VALUE;
  private volatile Duration readDelay = Duration.ZERO;
  private volatile boolean stuckReads;
  private volatile long failWritesAfter = Long.MAX_VALUE;

  TestVfs(Vfs delegate) {
    this.delegate = delegate;
  }

  /** Each read returns at most {@code chunk} bytes, after {@code delay}. */
  TestVfs slowReads(int chunk, Duration delay) {
    readChunk = chunk;
    readDelay = delay;
    return this;
  }

  /** Reads block until {@link #close()}, then fail, like a dead connection. */
  TestVfs stuckReads() {
    stuckReads = true;
    return this;
  }

  /** Uploads fail once {@code bytes} were written. */
  TestVfs failWritesAfter(long bytes) {
    failWritesAfter = bytes;
    return this;
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits until a read of file content started. */
  void awaitReading(Duration timeout) throws InterruptedException {
    if (!reading.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("No read started within " + timeout);
    }
  }

  @Override
  public String endpoint() {
    return "test+" + delegate.endpoint();
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
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        reading.countDown();
        try {
          if (stuckReads) {
            closed.await();
            throw new IOException("connection closed");
          }
          Thread.sleep(readDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted");
        }
        return super.read(b, off, Math.min(len, readChunk));
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
          up.write(src.slice().limit((int) (failWritesAfter - count)));
          throw new IOException(endpoint() + path + ": injected write failure");
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
    closed.countDown();
    delegate.close();
  }
}
