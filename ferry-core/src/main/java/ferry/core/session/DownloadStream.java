package ferry.core.session;

import java.io.IOException;
import java.io.InputStream;

/** A {@link FileSession.Download}'s range read front to back; closing it closes the download. */
final class DownloadStream extends InputStream {
  private final FileSession.Download download;
  private long position;

  DownloadStream(FileSession.Download download) {
    this.download = download;
    this.position = download.offset();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = download.read(position, b, off, len);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public void close() {
    download.close();
  }
}
