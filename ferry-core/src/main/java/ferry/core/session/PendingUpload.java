package ferry.core.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * An upload opened with {@link UploadMode#OPEN} on a file that has bytes: nothing changes until the
 * first write, which starts the real upload with {@link UploadMode#resumeAt} its offset (at the
 * size it continues the file, at 0 it rewrites it). Closed without a write, it leaves the file as
 * it was and writes no transfer record: the client only opened it.
 */
final class PendingUpload implements FileSession.Upload {
  private final FileSession session;
  private final String path;
  private final long size;
  private FileSession.Upload started;
  private long announcedSize = -1;
  private IOException refused; // the first write could not start the upload
  private boolean closed;

  PendingUpload(FileSession session, String path, long size) {
    this.session = session;
    this.path = path;
    this.size = size;
  }

  @Override
  public synchronized void write(long offset, ByteBuffer src) throws IOException {
    if (closed) {
      throw new IOException(path + ": upload already closed");
    }
    if (refused != null) {
      throw new IOException(path + ": upload failed earlier: " + Refusals.reason(refused), refused);
    }
    if (started == null) {
      try {
        started = session.upload(path, UploadMode.resumeAt(offset));
      } catch (IOException e) {
        refused = e;
        throw e;
      }
      if (announcedSize >= 0) {
        started.expectSize(announcedSize);
      }
    }
    started.write(offset, src);
  }

  /** The current size until the first write: where an appending client continues. */
  @Override
  public synchronized long position() {
    return started == null ? size : started.position();
  }

  @Override
  public synchronized void sync() throws IOException {
    if (started != null) {
      started.sync();
    }
  }

  /** Before any write the file is complete as it is, so it gets the time now. */
  @Override
  public synchronized void setModified(Instant time) throws IOException {
    if (started != null) {
      started.setModified(time);
    } else {
      session.setModified(path, time);
    }
  }

  @Override
  public synchronized void commit() throws IOException {
    if (refused != null) {
      throw new IOException(path + ": upload failed earlier: " + Refusals.reason(refused), refused);
    }
    if (started != null) {
      started.commit();
    }
  }

  @Override
  public synchronized void abandon(String cause) {
    if (started != null) {
      started.abandon(cause);
    }
  }

  @Override
  public synchronized void expectSize(long size) {
    announcedSize = size;
    if (started != null) {
      started.expectSize(size);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (started != null) {
      started.close();
    }
  }
}
