package ferry.vfs.ftp;

import ferry.vfs.AbstractUpload;
import ferry.vfs.FileAttrs;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import ferry.vfs.VfsErrors;
import ferry.vfs.WriteMode;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;

/** A STOR (or APPE) on its own connection, to a temporary name renamed into place on commit. */
final class FtpUpload extends AbstractUpload {
  private final FtpVfs vfs;
  private final FTPClient client;
  private final VPath path;
  private final VPath written;
  private final WriteMode mode;
  private final OutputStream out;
  private final byte[] chunk = new byte[64 * 1024];
  private boolean healthy = true;
  private boolean transferOpen = true;

  private FtpUpload(
      FtpVfs vfs,
      FTPClient client,
      VPath path,
      VPath written,
      WriteMode mode,
      OutputStream out,
      long start) {
    super(vfs.where(path), start);
    this.vfs = vfs;
    this.client = client;
    this.path = path;
    this.written = written;
    this.mode = mode;
    this.out = out;
  }

  static FtpUpload open(FtpVfs vfs, VPath path, WriteOptions options) throws IOException {
    FTPClient c = vfs.pool().borrow();
    try {
      vfs.requireParentDir(c, path);
      Optional<FileAttrs> existing = vfs.find(c, path);
      if (existing.isPresent() && existing.get().isDir()) {
        throw VfsErrors.isDirectory(vfs.where(path));
      }
      if (existing.isPresent() && options.mode() == WriteMode.CREATE_NEW) {
        throw VfsErrors.alreadyExists(vfs.where(path), null);
      }
      boolean append = options.mode() == WriteMode.APPEND;
      VPath written = options.tempRename() && !append ? UploadNames.tempFor(path) : path;
      String remote = vfs.path(c, written);
      OutputStream out = append ? c.appendFileStream(remote) : c.storeFileStream(remote);
      if (out == null) {
        throw FtpErrors.failure(c, vfs.where(path), append ? "APPE" : "STOR");
      }
      long start = append ? existing.map(FileAttrs::size).orElse(0L) : 0;
      return new FtpUpload(vfs, c, path, written, options.mode(), out, start);
    } catch (IOException | RuntimeException e) {
      if (e instanceof IOException io && !FtpVfs.isTransportFailure(io)) {
        vfs.pool().release(c);
      } else {
        vfs.pool().discard(c);
      }
      throw e;
    }
  }

  @Override
  protected void doWrite(ByteBuffer src) throws IOException {
    try {
      writeAll(out, src, chunk);
    } catch (IOException e) {
      healthy = false;
      throw new IOException(vfs.where(path) + ": upload failed: " + e.getMessage(), e);
    }
  }

  @Override
  protected void doCommit() throws IOException {
    try {
      transferOpen = false;
      out.close();
      if (!client.completePendingCommand()) {
        throw FtpErrors.failure(client, vfs.where(path), "STOR");
      }
    } catch (IOException e) {
      healthy = false; // a reply may still be pending on this connection
      throw e;
    }
    if (written.equals(path)) {
      return;
    }
    if (mode == WriteMode.CREATE_NEW && vfs.find(client, path).isPresent()) {
      throw VfsErrors.alreadyExists(vfs.where(path), null);
    }
    vfs.renameOn(client, written, path, mode == WriteMode.REPLACE);
  }

  @Override
  protected void doAbort() throws IOException {
    if (transferOpen) {
      transferOpen = false;
      try {
        out.close();
        client.completePendingCommand();
      } catch (IOException e) {
        healthy = false; // the transfer ended badly; this connection's state is unknown
      }
    }
    if (mode == WriteMode.APPEND) {
      return;
    }
    if (healthy) {
      String remote = vfs.path(client, written);
      if (client.deleteFile(remote) || vfs.find(client, written).isEmpty()) {
        return;
      }
      throw FtpErrors.failure(client, vfs.where(written), "DELE of the aborted upload");
    }
    vfs.with(
        c -> {
          if (!c.deleteFile(vfs.path(c, written)) && vfs.find(c, written).isPresent()) {
            throw FtpErrors.failure(c, vfs.where(written), "DELE of the aborted upload");
          }
          return null;
        });
  }

  @Override
  protected void doRelease() {
    if (healthy) {
      vfs.pool().release(client);
    } else {
      vfs.pool().discard(client);
    }
  }
}
