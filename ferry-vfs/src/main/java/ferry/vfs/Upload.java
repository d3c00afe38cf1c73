package ferry.vfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A file being written. Bytes go in through {@link #write(ByteBuffer)} (or {@link
 * #asOutputStream()}); {@link #commit()} publishes the file; {@link #close()} without a commit
 * aborts and leaves nothing at the destination (except in {@link WriteMode#APPEND}, where the bytes
 * already written stay for a later resume). Always use it in try-with-resources:
 *
 * <pre>{@code
 * try (Upload up = vfs.openWrite(path, WriteOptions.replace())) {
 *   up.write(buffer);
 *   up.commit();
 * }
 * }</pre>
 *
 * Not thread-safe. After a failed write the upload is poisoned: further writes and the commit fail,
 * and close aborts.
 */
public interface Upload extends WritableByteChannel {
  /**
   * Writes all remaining bytes of {@code src}, blocking as needed.
   *
   * @return the number of bytes written, always {@code src.remaining()} on entry
   * @throws IOException if the backend fails; the upload is then poisoned
   */
  @Override
  int write(ByteBuffer src) throws IOException;

  /**
   * Finishes the upload and makes the file appear under its final name.
   *
   * @throws java.nio.file.FileAlreadyExistsException in {@link WriteMode#CREATE_NEW} if the target
   *     appeared meanwhile
   * @throws IOException if the upload was poisoned, closed, or the backend fails; nothing is then
   *     published
   */
  void commit() throws IOException;

  /**
   * Makes the bytes written so far durable (fsync), when a client asks for it; {@link #commit()}
   * alone does not, like OpenSSH's sftp-server. Backends whose commit is durable do nothing.
   */
  default void sync() throws IOException {}

  /** Returns the offset in the target file where the next byte lands. */
  long position();

  /** Aborts unless committed; idempotent. */
  @Override
  void close() throws IOException;

  /** Returns a stream view; closing it closes (and so aborts, unless committed) this upload. */
  default OutputStream asOutputStream() {
    Upload self = this;
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        self.write(ByteBuffer.wrap(new byte[] {(byte) b}));
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        self.write(ByteBuffer.wrap(b, off, len));
      }

      @Override
      public void close() throws IOException {
        self.close();
      }
    };
  }
}
