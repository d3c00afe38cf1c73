package ferry.httpd.files.share;

import ferry.core.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads a multipart/form-data body as it arrives and hands each file part's bytes on as they come:
 * no part is buffered whole, in memory or on disk (Jetty's push parser does the framing).
 */
final class MultipartFiles {
  /** What becomes of each file part. */
  interface Sink {
    /** A file part named {@code fileName} begins; the returned target takes its bytes. */
    Target open(String fileName) throws IOException;
  }

  /** Where one part's bytes go. */
  interface Target extends AutoCloseable {
    void write(ByteBuffer bytes) throws IOException;

    /** The part ended well. */
    void finish() throws IOException;

    /** Releases the target; before {@link #finish()} it discards what was written. */
    @Override
    void close();
  }

  private MultipartFiles() {}

  /**
   * Feeds every file part of {@code body} to {@code sink}; parts without a file name (plain form
   * fields) are skipped.
   *
   * @return how many files were finished
   * @throws ValidationException for a body that is not multipart or has no file
   */
  static int read(String contentType, InputStream body, Sink sink) throws IOException {
    String boundary = contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        ? null : MultiPart.extractBoundary(contentType);
    if (boundary == null || boundary.isEmpty())
      throw new ValidationException("the request must be multipart/form-data with a boundary");
    Parts parts = new Parts(sink);
    MultiPart.Parser parser = new MultiPart.Parser(boundary, parts);
    // reused: the parser hands content on during parse() and keeps no slice of it; a boundary
    // prefix at a buffer's end is kept as its own pattern bytes (MultipartFilesTest checks both)
    byte[] buf = new byte[Transfers.BUFFER];
    try {
      while (!parts.complete) {
        int n = body.read(buf);
        if (n < 0) {
          parser.parse(Content.Chunk.from(ByteBuffer.allocate(0), true));
          break;
        }
        parser.parse(Content.Chunk.from(ByteBuffer.wrap(buf, 0, n), false));
        parts.rethrow();
      }
      parts.rethrow();
      if (!parts.complete) throw new ValidationException("the multipart body ended before its closing boundary");
      if (parts.files == 0) throw new ValidationException("the multipart body has no file part");
      return parts.files;
    } finally {
      parts.closeCurrent();
    }
  }

  /** The parser's listener: it may not throw, so failures wait in {@code failure} for the reading loop. */
  private static final class Parts implements MultiPart.Parser.Listener {
    private final Sink sink;
    private String disposition;
    private Target current;
    private Exception failure;
    boolean complete;
    int files;

    Parts(Sink sink) {
      this.sink = sink;
    }

    @Override
    public void onPartBegin() {
      disposition = null;
    }

    @Override
    public void onPartHeader(String name, String value) {
      if (name.equalsIgnoreCase("Content-Disposition")) disposition = value;
    }

    @Override
    public void onPartHeaders() {
      if (failure != null) return;
      String fileName = fileName(disposition);
      if (fileName == null) return;
      try {
        current = sink.open(fileName);
      } catch (Exception e) {
        failure = e;
      }
    }

    @Override
    public void onPartContent(Content.Chunk chunk) {
      try {
        if (current != null && failure == null && chunk.hasRemaining()) current.write(chunk.getByteBuffer());
      } catch (Exception e) {
        failure = e;
      }
      // the chunk is the parser's, valid during this call: written above, never kept
    }

    @Override
    public void onPartEnd() {
      if (current == null || failure != null) return;
      try {
        current.finish();
        files++;
      } catch (Exception e) {
        failure = e;
      } finally {
        closeCurrent();
      }
    }

    @Override
    public void onComplete() {
      complete = true;
    }

    @Override
    public void onFailure(Throwable t) {
      if (failure == null)
        failure = new ValidationException("the multipart body is malformed: " + t.getMessage());
    }

    void closeCurrent() {
      if (current != null) current.close();
      current = null;
    }

    void rethrow() throws IOException {
      if (failure == null) return;
      switch (failure) {
        case IOException io -> throw io;
        case RuntimeException r -> throw r;
        default -> throw new UncheckedIOException(new IOException(failure));
      }
    }
  }

  /** The file name of a part's {@code Content-Disposition}, or null for a plain field. */
  static String fileName(String disposition) {
    if (disposition == null) return null;
    String plain = null;
    for (String p : disposition.split(";")) {
      String t = p.trim();
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.startsWith("filename*=")) {
        String v = unquote(t.substring(10));
        int q = v.indexOf("''");
        if (q >= 0) return URLDecoder.decode(v.substring(q + 2).replace("+", "%2B"), StandardCharsets.UTF_8);
      } else if (lower.startsWith("filename=")) {
        plain = unquote(t.substring(9));
      }
    }
    return plain;
  }

  private static String unquote(String v) {
    String s = v.trim();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
