package ferry.sftpd;

import ferry.core.session.FileSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;

/**
 * An open SFTP/SCP file over a {@link FileSession} download or upload. Reads are positional and
 * fill the buffer up to the end of file; writes are sequential and go to the upload without a copy.
 * Nothing is published until {@link #commit()}; {@link #close()} alone aborts an upload.
 *
 * <p>An upload that continues an existing file without truncating it is opened on the first write:
 * a write at the file's size resumes it, a write at 0 replaces it.
 */
final class TransferChannel implements SeekableByteChannel {
  private final FileSession.Download download;
  private final FileSession session;
  private final String path;
  private final long existingSize;
  private FileSession.Upload upload;
  private long position;
  private Exception failure;
  private boolean open = true;
  private Runnable onClose = () -> {};

  private TransferChannel(
      FileSession.Download download,
      FileSession.Upload upload,
      FileSession session,
      String path,
      long existingSize) {
    this.download = download;
    this.upload = upload;
    this.session = session;
    this.path = path;
    this.existingSize = existingSize;
  }

  static TransferChannel reading(FileSession.Download download) {
    return new TransferChannel(download, null, null, null, 0);
  }

  static TransferChannel writing(FileSession.Upload upload) {
    return new TransferChannel(null, upload, null, null, 0);
  }

  /** An upload to an existing file of {@code size} bytes, resumed or replaced by the first write. */
  static TransferChannel resumable(FileSession session, String path, long size) {
    return new TransferChannel(null, null, session, path, size);
  }

  boolean isUpload() {
    return download == null;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (download == null) {
      throw new NonReadableChannelException();
    }
    int n;
    if (dst.hasArray()) {
      n = download.read(position, dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
      if (n > 0) {
        dst.position(dst.position() + n);
      }
    } else {
      byte[] tmp = new byte[dst.remaining()];
      n = download.read(position, tmp, 0, tmp.length);
      if (n > 0) {
        dst.put(tmp, 0, n);
      }
    }
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureOpen();
    if (download != null) {
      throw new NonWritableChannelException();
    }
    rethrowFailure();
    int n = src.remaining();
    try {
      startUpload(position);
      upload.write(position, src);
    } catch (IOException | RuntimeException e) {
      // The client keeps sending the writes already in flight, then CLOSE: all get this error.
      failure = e;
      throw e;
    }
    src.position(src.limit());
    position += n;
    return n;
  }

  private void startUpload(long offset) throws IOException {
    if (upload != null) {
      return;
    }
    if (offset == existingSize) {
      upload = session.upload(path, true);
    } else if (offset == 0) {
      upload = session.upload(path, false);
    } else {
      throw new IOException(
          "cannot write at offset " + offset + " of " + path + ": uploads start at 0 or resume at the"
              + " current size " + existingSize);
    }
  }

  private void rethrowFailure() throws IOException {
    switch (failure) {
      case null -> {}
      case IOException e -> throw e;
      case RuntimeException e -> throw e;
      default -> throw new IOException(failure);
    }
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public TransferChannel position(long newPosition) {
    if (newPosition < 0) {
      throw new IllegalArgumentException("Negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  /** The download's size, or the committed length of the upload (where an append continues). */
  @Override
  public long size() {
    if (download != null) {
      return download.size();
    }
    return upload != null ? upload.position() : existingSize;
  }

  @Override
  public TransferChannel truncate(long size) throws IOException {
    if (size != size()) {
      throw new UnsupportedOperationException("Truncating an open file is not supported");
    }
    return this;
  }

  /**
   * Publishes the upload (a no-op for downloads, and for a resumable upload nothing was written
   * to). After a failed write, aborts and throws that write's error again.
   */
  void commit() throws IOException {
    ensureOpen();
    if (download != null || upload == null) {
      return;
    }
    rethrowFailure();
    upload.commit();
  }

  /**
   * Sets the uploaded file's modification time once published; on a resumable upload nothing has
   * written to yet, the file is already complete and gets it now.
   */
  void setModified(Instant time) throws IOException {
    ensureOpen();
    if (upload != null) {
      upload.setModified(time);
    } else if (session != null) {
      session.setModified(path, time);
    }
  }

  /** Makes an upload's bytes so far durable (fsync@openssh.com); a no-op for downloads. */
  void sync() throws IOException {
    ensureOpen();
    if (upload != null) {
      upload.sync();
    }
  }

  /** Marks the transfer as cut short, so that close records it failed (and aborts an upload). */
  void abandon(String cause) {
    if (download != null) {
      download.abandon(cause);
    } else if (upload != null) {
      upload.abandon(cause);
    }
  }

  /** Tells an upload the size the client announced (SCP), for the reason if it is cut short. */
  void expectSize(long size) {
    if (upload != null) {
      upload.expectSize(size);
    }
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Ends the transfer; an upload not committed is aborted. Idempotent. */
  @Override
  public void close() {
    if (!open) {
      return;
    }
    open = false;
    try {
      if (download != null) {
        download.close();
      } else if (upload != null) {
        upload.close();
      }
    } finally {
      onClose.run();
    }
  }

  /** Runs {@code action} once this channel is closed, whichever protocol closes it. */
  TransferChannel whenClosed(Runnable action) {
    onClose = action;
    return this;
  }
}
