package ferry.core.session;

import ferry.core.transfer.TransferRecord;
import ferry.vfs.VPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A download over one backend stream, reopened only when the reader seeks. */
final class SessionDownload extends SessionTransfer implements FileSession.Download {
  private static final Logger LOG = LoggerFactory.getLogger(SessionDownload.class);

  private final VPath backendPath;
  private final long size;
  private final long start;
  private final long end; // exclusive; Long.MAX_VALUE reads on to the end of file, even past size
  private final Pacer pacer;
  private final WholeFileDigest digest = new WholeFileDigest(0);
  private InputStream in;
  private long streamPos = -1;
  private String failure;
  private boolean closed;

  /**
   * A download of {@code [offset, end)} of a file of {@code size} bytes; a whole-file download is
   * {@code [0, Long.MAX_VALUE)}, so it reads what the file holds, even if it grew meanwhile.
   */
  SessionDownload(VfsFileSession session, VPath path, MountedVfs mount, VPath backendPath, long size, long offset,
      long end, Pacer pacer) {
    super(session, path, mount, TransferRecord.DOWNLOAD);
    this.backendPath = backendPath;
    this.size = size;
    this.start = offset;
    this.end = end;
    this.pacer = pacer;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public long offset() {
    return start;
  }

  @Override
  public long length() {
    return Math.min(end, size) - start;
  }

  @Override
  public synchronized int read(long offset, byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException(path + ": download already closed");
    }
    if (offset < start) {
      throw new IOException(path + ": offset " + offset + " is before the range, which starts at " + start);
    }
    if (len == 0) {
      return 0;
    }
    if (offset >= end) {
      return -1;
    }
    len = (int) Math.min(len, end - offset);
    try {
      if (in == null || offset != streamPos) {
        if (offset >= size) {
          return -1;
        }
        closeStream();
        in = VirtualErrors.on(path, () -> mount.vfs().openRead(backendPath, offset));
        streamPos = offset;
      }
      int total = 0;
      while (total < len) {
        int n = in.read(buf, off + total, len - total);
        if (n < 0) {
          break;
        }
        total += n;
      }
      streamPos += total;
      if (total == 0) {
        return -1;
      }
      digest.add(offset, buf, off, total);
      bytes += total;
      moved();
      pacer.pace(total);
      return total;
    } catch (FileSystemException e) {
      FileSystemException v = VirtualErrors.translate(e, path);
      failure = v.getMessage();
      throw v;
    } catch (IOException | RuntimeException e) {
      failure = e.getMessage() == null ? e.toString() : e.getMessage();
      throw e;
    }
  }

  private void closeStream() {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("Closing the read stream of {} failed: {}", path, e.toString());
    }
    in = null;
  }

  @Override
  public void close() {
    String sha256;
    synchronized (this) {
      closed = true;
      closeStream();
      sha256 = start == 0 && end >= size ? digest.hexIfWhole(size) : null;
    }
    finish(failure == null, failure, sha256);
  }

  @Override
  long expectedSize() {
    return length();
  }

  /** Even a download that read every byte fails here: only the client's close proves it got them. */
  @Override
  public synchronized void abandon(String cause) {
    if (!closed && failure == null) {
      failure = cutShort(cause);
    }
  }
}
