package ferry.sftpd;

import ferry.core.session.UploadMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;

/**
 * What MINA opens to apply a SETSTAT/FSETSTAT size: it opens the path for WRITE without a handle,
 * calls {@link #truncate} and closes. Keeping the size is a no-op, 0 empties the file, anything else
 * is refused; on a file being uploaded in the same channel the size is the upload's own (OpenSSH
 * scp sets it before CLOSE, when nothing exists under the name yet).
 */
final class SetSizeChannel implements SeekableByteChannel {
  private final SessionFileSystem fs;
  private final String path;
  private boolean open = true;

  SetSizeChannel(SessionFileSystem fs, String path) {
    this.fs = fs;
    this.path = path;
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    Optional<TransferChannel> upload = fs.upload(path);
    if (upload.isPresent()) {
      upload.get().truncate(size);
      return this;
    }
    long current = fs.stat(path).size();
    if (size == current) {
      return this;
    }
    if (size != 0) {
      throw new UnsupportedOperationException("Only truncation to 0 bytes is supported");
    }
    fs.cache().clear();
    try (TransferChannel ch = TransferChannel.writing(fs.session().upload(path, UploadMode.MUST_EXIST))) {
      ch.commit();
    }
    return this;
  }

  @Override
  public int read(ByteBuffer dst) {
    throw new NonWritableChannelException();
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() {
    return 0;
  }

  @Override
  public SeekableByteChannel position(long newPosition) {
    return this;
  }

  @Override
  public long size() throws IOException {
    Optional<TransferChannel> upload = fs.upload(path);
    return upload.isPresent() ? upload.get().size() : fs.stat(path).size();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
