package ferry.sftpd;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.scp.common.helpers.DefaultScpFileOpener;

/**
 * SCP reads and writes through the same session channels as SFTP. An SCP upload is published only
 * when all the announced bytes arrived; a cut-off transfer is aborted.
 */
final class ScpOpener extends DefaultScpFileOpener {
  private static final Set<StandardOpenOption> REPLACE =
      Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);

  @Override
  public OutputStream openWrite(
      Session session, Path file, long size, Set<PosixFilePermission> permissions, OpenOption... options)
      throws IOException {
    SessionPath p = (SessionPath) file;
    return new UploadStream(p.getFileSystem().open(p.virtual(), REPLACE), p.virtual());
  }

  @Override
  public void closeWrite(
      Session session, Path file, long size, Set<PosixFilePermission> permissions, OutputStream os)
      throws IOException {
    UploadStream up = (UploadStream) os;
    if (up.written != size) {
      throw new EOFException(
          "SCP upload of " + up.path + " ended after " + up.written + " of " + size + " bytes");
    }
    up.channel.commit();
  }

  /** Writes into an upload channel; closing it without a commit aborts. */
  private static final class UploadStream extends OutputStream {
    private final TransferChannel channel;
    private final String path;
    private long written;

    UploadStream(TransferChannel channel, String path) {
      this.channel = channel;
      this.path = path;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      channel.write(ByteBuffer.wrap(b, off, len));
      written += len;
    }

    @Override
    public void close() {
      channel.close();
    }
  }
}
