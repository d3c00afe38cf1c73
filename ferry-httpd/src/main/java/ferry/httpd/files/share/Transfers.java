package ferry.httpd.files.share;

import ferry.core.session.FileSession;
import ferry.core.session.UploadMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Streams bytes between a request or response and the owner's file session, one buffer at a time. */
final class Transfers {
  static final int BUFFER = 64 * 1024;
  static final String CLIENT_LEFT = "the client disconnected";

  private Transfers() {}

  /**
   * Copies the range of {@code d} to {@code out}, then ends the download; the session records it,
   * failed if the client left before the end.
   */
  static void send(FileSession.Download d, OutputStream out) throws IOException {
    try (d) {
      byte[] buf = new byte[BUFFER];
      long pos = d.offset();
      long end = d.offset() + d.length();
      while (pos < end) {
        int n = d.read(pos, buf, 0, (int) Math.min(buf.length, end - pos));
        if (n < 0) break;
        try {
          out.write(buf, 0, n);
        } catch (IOException e) {
          d.abandon(CLIENT_LEFT);
          throw e;
        }
        pos += n;
      }
      out.flush();
    }
  }

  /**
   * Writes all of {@code in} to {@code path} and publishes it; if the body ends early or anything
   * fails, nothing appears at {@code path} and the upload is recorded failed.
   *
   * @param modified the modification time to set, or null
   */
  static long upload(FileSession session, String path, InputStream in, Instant modified) throws IOException {
    try (Writer w = new Writer(session, path)) {
      if (modified != null) w.upload.setModified(modified);
      byte[] buf = new byte[BUFFER];
      int n;
      while (true) {
        try {
          n = in.read(buf);
        } catch (IOException e) {
          w.upload.abandon(CLIENT_LEFT);
          throw e;
        }
        if (n < 0) break;
        w.write(ByteBuffer.wrap(buf, 0, n));
      }
      return w.commit();
    }
  }

  /** An upload fed chunk by chunk (a multipart part); closing it before commit aborts it. */
  static final class Writer implements AutoCloseable {
    final FileSession.Upload upload;

    Writer(FileSession session, String path) throws IOException {
      this.upload = FsErrors.on(() -> session.upload(path, UploadMode.REPLACE));
    }

    void write(ByteBuffer b) throws IOException {
      upload.write(upload.position(), b);
    }

    long commit() throws IOException {
      FsErrors.on(() -> {
        upload.commit();
        return null;
      });
      return upload.position();
    }

    @Override
    public void close() {
      upload.close();
    }
  }
}
