package ferry.sftpd;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.scp.common.helpers.DefaultScpFileOpener;

/**
 * SCP reads and writes through the same session channels as SFTP. SCP always moves whole files,
 * so a transfer is done only when MINA finished it (closeRead/closeWrite); a stream closed before
 * that was cut mid-file and is recorded failed (issue 11). An SCP upload is published only when
 * all the announced bytes arrived.
 */
final class ScpOpener extends DefaultScpFileOpener {
  private static final Set<StandardOpenOption> REPLACE =
      Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);

  private final Supplier<String> cutShortCause;

  ScpOpener(Supplier<String> cutShortCause) {
    this.cutShortCause = cutShortCause;
  }

  @Override
  public InputStream openRead(
      Session session, Path file, long size, Set<PosixFilePermission> permissions, OpenOption... options)
      throws IOException {
    SessionPath p = (SessionPath) file;
    return new DownloadStream(p.getFileSystem().open(p.virtual(), Set.of(StandardOpenOption.READ)));
  }

  @Override
  public void closeRead(
      Session session, Path file, long size, Set<PosixFilePermission> permissions, InputStream is) {
    ((DownloadStream) is).done = true; // MINA sent the whole file; closing it now is the normal end
  }

  @Override
  public OutputStream openWrite(
      Session session, Path file, long size, Set<PosixFilePermission> permissions, OpenOption... options)
      throws IOException {
    SessionPath p = (SessionPath) file;
    TransferChannel channel = p.getFileSystem().open(p.virtual(), REPLACE);
    channel.expectSize(size);
    return new UploadStream(channel, p.virtual());
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

  /** Reads a download channel; closed before MINA sent the whole file, the download is cut short. */
  private final class DownloadStream extends InputStream {
    private final TransferChannel channel;
    private boolean done;

    DownloadStream(TransferChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void close() {
      if (!done) {
        channel.abandon(cutShortCause.get());
      }
      channel.close();
    }
  }

  /** Writes into an upload channel; closing it without a commit aborts it as cut short. */
  private final class UploadStream extends OutputStream {
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
      channel.abandon(cutShortCause.get()); // nothing changes once committed, or after an earlier failure
      channel.close();
    }
  }
}
