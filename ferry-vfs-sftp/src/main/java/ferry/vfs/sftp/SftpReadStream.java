package ferry.vfs.sftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Names the endpoint and path in the errors of MINA's pipelined read stream. */
final class SftpReadStream extends FilterInputStream {
  private final String where;

  SftpReadStream(InputStream in, String where) {
    super(in);
    this.where = where;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw SftpErrors.translate(e, where);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw SftpErrors.translate(e, where);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } catch (IOException e) {
      throw SftpErrors.translate(e, where);
    }
  }
}
