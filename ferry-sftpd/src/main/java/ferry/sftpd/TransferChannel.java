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
 * Nothing is published until {@link #commit()}; {@link #close()} alone aborts an upload. Whether an
 * upload may create, replace or continue the file is the core's decision ({@link
 * ferry.core.session.UploadMode}).
 */
final class TransferChannel implements SeekableByteChannel {
  private final FileSession.Download download;
  private final FileSession.Upload upload;
  private long position;
  private Exception failure;
  private boolean open = true;
  private Runnable onClose = () -> {};

  private TransferChannel(FileSession.Download download, FileSession.Upload upload) {
    this.download = download;
    this.upload = upload;
  }

  static TransferChannel reading(FileSession.Download download) {
    return new TransferChannel(download, null);
  }

  static TransferChannel writing(FileSession.Upload upload) {
    return new TransferChannel(null, upload);
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
    return upload.position();
  }

  @Override
  public TransferChannel truncate(long size) throws IOException {
    if (size != size()) {
      throw new UnsupportedOperationException("Truncating an open file is not supported");
    }
    return this;
  }

  /**
   * Publishes the upload (a no-op for downloads). After a failed write, aborts and throws that
   * write's error again.
   */
  void commit() throws IOException {
    ensureOpen();
    if (download != null) {
      return;
    }
    rethrowFailure();
    upload.commit();
  }

  /** Sets the uploaded file's modification time once published (see {@link FileSession.Upload#setModified}). */
  void setModified(Instant time) throws IOException {
    ensureOpen();
    if (upload != null) {
      upload.setModified(time);
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
