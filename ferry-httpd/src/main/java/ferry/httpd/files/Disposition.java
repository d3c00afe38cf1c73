package ferry.httpd.files;

import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Content-Disposition values that survive any file name (RFC 6266: an ASCII fallback and UTF-8). */
public final class Disposition {
  private Disposition() {}

  /** An attachment named {@code name}. */
  public static String attachment(String name) {
    return of("attachment", name);
  }

  /** A {@code kind} ("inline" or "attachment") disposition naming {@code name}. */
  public static String of(String kind, String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
    String utf8 = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
  }

  /** The media type of a file named {@code name}, guessed from its extension. */
  public static String contentType(String name) {
    String t = URLConnection.getFileNameMap().getContentTypeFor(name);
    return t == null ? "application/octet-stream" : t;
  }
}
