package ferry.vfs.ftp;

import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.vfs.VfsErrors;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.net.ftp.FTPClient;

/**
 * A RETR (after REST for an offset) on its own connection. Closing early drops the connection,
 * since the server may still be sending.
 */
final class FtpReadStream extends FilterInputStream {
  private final FtpPool pool;
  private final FTPClient client;
  private final String where;
  private boolean eof;
  private boolean broken;
  private boolean closed;

  private FtpReadStream(FtpPool pool, FTPClient client, InputStream in, String where) {
    super(in);
    this.pool = pool;
    this.client = client;
    this.where = where;
  }

  static InputStream open(FtpVfs vfs, VPath path, long offset) throws IOException {
    FTPClient c = vfs.pool().borrow();
    String where = vfs.where(path);
    try {
      FileAttrs a = vfs.stat(c, path);
      if (a.isDir()) {
        throw VfsErrors.isDirectory(where);
      }
      if (offset > 0 && offset >= a.size()) {
        vfs.pool().release(c);
        return new ByteArrayInputStream(new byte[0]);
      }
      if (offset > 0) {
        c.setRestartOffset(offset);
      }
      InputStream in = c.retrieveFileStream(vfs.path(c, path));
      if (in == null) {
        throw FtpErrors.failure(c, where, "RETR");
      }
      return new FtpReadStream(vfs.pool(), c, in, where);
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
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      eof |= n < 0;
      return n;
    } catch (IOException e) {
      broken = true;
      throw new IOException(where + ": download failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!eof || broken) {
      try {
        super.close();
      } finally {
        pool.discard(client);
      }
      return;
    }
    boolean ok = false;
    try {
      super.close();
      ok = client.completePendingCommand();
      if (!ok) {
        throw FtpErrors.failure(client, where, "RETR");
      }
    } finally {
      if (ok) {
        pool.release(client);
      } else {
        pool.discard(client);
      }
    }
  }
}
