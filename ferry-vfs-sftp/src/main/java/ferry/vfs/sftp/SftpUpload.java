package ferry.vfs.sftp;

import ferry.vfs.AbstractUpload;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import ferry.vfs.VfsErrors;
import ferry.vfs.WriteMode;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.impl.SftpOutputStreamAsync;

/**
 * Writes through MINA's pipelined output stream, to a temporary sibling that commit renames into
 * place, or to the target itself when appending or told to.
 */
final class SftpUpload extends AbstractUpload {
  private final SftpVfs vfs;
  private final SftpVfs.Conn conn;
  private final VPath path;
  private final VPath written;
  private final WriteMode mode;
  private final OutputStream out;
  private final byte[] chunk;

  private SftpUpload(
      SftpVfs vfs,
      SftpVfs.Conn conn,
      VPath path,
      VPath written,
      WriteMode mode,
      OutputStream out,
      long start) {
    super(vfs.where(path), start);
    this.vfs = vfs;
    this.conn = conn;
    this.path = path;
    this.written = written;
    this.mode = mode;
    this.out = out;
    this.chunk = new byte[conn.writeChunk()];
  }

  static SftpUpload open(
      SftpVfs vfs, SftpVfs.Conn conn, VPath path, WriteOptions options, long start)
      throws IOException {
    boolean temp = options.tempRename() && options.mode() != WriteMode.APPEND;
    VPath written = temp ? UploadNames.tempFor(path) : path;
    EnumSet<OpenMode> modes = EnumSet.of(OpenMode.Write, OpenMode.Create);
    if (temp || options.mode() == WriteMode.CREATE_NEW) {
      modes.add(OpenMode.Exclusive);
    } else if (options.mode() == WriteMode.REPLACE) {
      modes.add(OpenMode.Truncate);
    }
    try {
      OutputStream out = conn.sftp().write(conn.path(written), conn.writeChunk(), modes);
      if (start > 0) {
        if (!(out instanceof SftpOutputStreamAsync async)) {
          out.close();
          throw new UnsupportedOperationException(vfs.endpoint() + ": this client cannot append");
        }
        async.setOffset(start);
      }
      return new SftpUpload(vfs, conn, path, written, options.mode(), out, start);
    } catch (IOException e) {
      throw SftpErrors.translate(e, vfs.where(path));
    }
  }

  @Override
  protected void doWrite(ByteBuffer src) throws IOException {
    try {
      writeAll(out, src, chunk);
    } catch (IOException e) {
      throw SftpErrors.translate(e, vfs.where(path));
    }
  }

  @Override
  protected void doCommit() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw SftpErrors.translate(e, vfs.where(path));
    }
    if (written.equals(path)) {
      return;
    }
    if (mode == WriteMode.REPLACE) {
      vfs.renameReplacing(conn, written, path);
      return;
    }
    try {
      conn.sftp().rename(conn.path(written), conn.path(path));
    } catch (IOException e) {
      if (vfs.find(conn, path).isPresent()) {
        throw VfsErrors.alreadyExists(vfs.where(path), e);
      }
      throw SftpErrors.translate(e, vfs.where(path));
    }
  }

  @Override
  protected void doAbort() throws IOException {
    IOException failure = null;
    try {
      out.close();
    } catch (IOException e) {
      failure = e;
    }
    if (mode != WriteMode.APPEND) {
      try {
        conn.sftp().remove(conn.path(written));
      } catch (IOException e) {
        if (!SftpErrors.isNotFound(e)) {
          IOException cleanup = SftpErrors.translate(e, vfs.where(written));
          if (failure != null) {
            cleanup.addSuppressed(failure);
          }
          throw cleanup;
        }
      }
    }
  }
}
