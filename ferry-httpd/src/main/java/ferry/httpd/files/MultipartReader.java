package ferry.httpd.files;

import ferry.core.error.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body part by part straight from the request stream, with one
 * bounded buffer: no part is held in memory or spooled to a temporary file (Jetty's multipart
 * support would spool). Each part's body is an {@link InputStream} that ends at the next boundary.
 */
public final class MultipartReader {
  static final int BUFFER_BYTES = 64 * 1024;
  static final int MAX_HEADER_BYTES = 16 * 1024;

  /** One part: its form field name, its file name (null for a plain field), its body. */
  public record Part(String name, String filename, InputStream body) {}

  private final InputStream in;
  private final byte[] delimiter; // CRLF "--" boundary
  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean finished;
  private PartStream current;

  public MultipartReader(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buf = new byte[BUFFER_BYTES + delimiter.length];
    // the first boundary has no CRLF before it: start as if one had come
    buf[0] = '\r';
    buf[1] = '\n';
    limit = 2;
  }

  /** The boundary of a multipart/form-data Content-Type; 400 when the type is another or has none. */
  public static String boundary(String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data"))
      throw new ValidationException("the body must be multipart/form-data");
    for (String param : contentType.split(";")) {
      String p = param.strip();
      if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
        String b = unquote(p.substring(9).strip());
        if (b.isEmpty() || b.length() > 200) break;
        return b;
      }
    }
    throw new ValidationException("the multipart/form-data Content-Type has no valid boundary");
  }

  /** The next part, or null after the closing boundary. */
  public Part next() throws IOException {
    if (finished) return null;
    if (current != null) {
      current.skipRest();
    } else {
      skipPreamble();
    }
    // at a delimiter: "--" closes the body, CRLF starts a part
    pos += delimiter.length;
    require(2);
    if (buf[pos] == '-' && buf[pos + 1] == '-') {
      finished = true;
      return null;
    }
    skipLineEnd();
    String name = null;
    String filename = null;
    int headerBytes = 0;
    for (String line; !(line = readLine()).isEmpty(); ) {
      headerBytes += line.length();
      if (headerBytes > MAX_HEADER_BYTES) throw new ValidationException("a multipart part's headers are too long");
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("Content-Disposition")) {
        String value = line.substring(colon + 1);
        name = param(value, "name");
        String extended = extended(param(value, "filename*"));
        filename = extended != null ? extended : param(value, "filename");
      }
    }
    current = new PartStream();
    return new Part(name, filename, current);
  }

  private void skipPreamble() throws IOException {
    while (true) {
      int at = find();
      if (at >= 0) {
        pos = at;
        return;
      }
      pos = Math.max(pos, limit - delimiter.length + 1);
      if (!fill()) throw new ValidationException("the multipart body has no boundary");
    }
  }

  private void skipLineEnd() throws IOException {
    // transport padding then CRLF
    while (true) {
      require(1);
      byte c = buf[pos];
      if (c == ' ' || c == '\t') {
        pos++;
      } else {
        break;
      }
    }
    require(2);
    if (buf[pos] != '\r' || buf[pos + 1] != '\n') throw new ValidationException("malformed multipart boundary line");
    pos += 2;
  }

  /** A header line in UTF-8 without its CRLF. */
  private String readLine() throws IOException {
    int start = pos;
    while (true) {
      for (int i = start; i + 1 < limit; i++) {
        if (buf[i] == '\r' && buf[i + 1] == '\n') {
          String line = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
          pos = i + 2;
          return line;
        }
      }
      if (limit - pos >= MAX_HEADER_BYTES) throw new ValidationException("a multipart part's headers are too long");
      start = Math.max(pos, limit - 1);
      int before = pos;
      if (!fill()) throw new ValidationException("the multipart body ended inside a part's headers");
      start -= before - pos;
    }
  }

  /** Makes at least {@code n} bytes available at pos. */
  private void require(int n) throws IOException {
    while (limit - pos < n) {
      if (!fill()) throw new ValidationException("the multipart body ended before its closing boundary");
    }
  }

  /** Moves the unread bytes to the front and reads more; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (eof) return false;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) throw new IllegalStateException("multipart buffer full");
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** Index of the delimiter in [pos, limit), or -1. */
  private int find() {
    int last = limit - delimiter.length;
    outer:
    for (int i = pos; i <= last; i++) {
      for (int j = 0; j < delimiter.length; j++) {
        if (buf[i + j] != delimiter[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  /** The body of the current part: bytes up to the next delimiter. */
  private final class PartStream extends InputStream {
    private boolean done;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) return -1;
      if (len == 0) return 0;
      while (true) {
        int at = find();
        int safe = at >= 0 ? at - pos : limit - pos - (delimiter.length - 1);
        if (at == pos) {
          done = true;
          return -1;
        }
        if (safe > 0) {
          int n = Math.min(len, safe);
          System.arraycopy(buf, pos, b, off, n);
          pos += n;
          return n;
        }
        if (!fill()) throw new ValidationException("the multipart body ended before its closing boundary");
      }
    }

    void skipRest() throws IOException {
      byte[] skip = new byte[8192];
      while (read(skip, 0, skip.length) >= 0) {
        // discard
      }
    }
  }

  /** The value of {@code key} in a Content-Disposition value, unquoted; null when absent. */
  static String param(String disposition, String key) {
    for (String part : splitParams(disposition)) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(key)) return unquote(p.substring(eq + 1).strip());
    }
    return null;
  }

  /** An RFC 5987 {@code UTF-8''percent-encoded} value decoded; null when absent or in another charset. */
  static String extended(String value) {
    if (value == null || !value.regionMatches(true, 0, "UTF-8'", 0, 6)) return null;
    int quote = value.indexOf('\'', 6);
    if (quote < 0) return null;
    try {
      return URLDecoder.decode(value.substring(quote + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  /** Splits on ';' outside quotes (a file name may hold a ';'). */
  private static java.util.List<String> splitParams(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) quoted = !quoted;
      if (c == ';' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\""))
      return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    return v;
  }
}
