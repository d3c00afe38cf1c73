package ferry.httpd.files.share;

import ferry.vfs.FileAttrs;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The reference's {@code DirEntry}: name, size (files only), Go-style mode bits, last_modified. */
final class DirEntries {
  /** Go's os.ModeDir bit, which the reference's clients test. */
  static final long MODE_DIR = 2147483648L;

  private DirEntries() {}

  static Map<String, Object> of(FileAttrs a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    if (!a.isDir()) m.put("size", a.size());
    m.put("mode", a.isDir() ? MODE_DIR | 0755 : 0644);
    // whole seconds, as /api/v2/user/dirs answers
    m.put("last_modified", a.modified().truncatedTo(ChronoUnit.SECONDS).toString());
    return m;
  }
}
