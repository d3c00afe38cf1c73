package ferry.httpd.files.share;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Content-Disposition values that survive any file name (RFC 6266: an ASCII fallback and UTF-8). */
final class Disposition {
  private Disposition() {}

  static String attachment(String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
    String utf8 = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8;
  }
}
