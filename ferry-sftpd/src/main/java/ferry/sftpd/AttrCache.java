package ferry.sftpd;

import ferry.vfs.FileAttrs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A short-lived cache of stat results for one session. MINA checks existence and reads attributes
 * several times per request (and per listed entry); this keeps that to one backend call. Cleared on
 * every change the session makes.
 */
final class AttrCache {
  static final long TTL_NANOS = 1_000_000_000L;
  private static final int MAX_ENTRIES = 1024;

  private record Cached(FileAttrs attrs, long at) {}

  private final Map<String, Cached> entries =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  synchronized FileAttrs get(String path) {
    Cached e = entries.get(path);
    if (e == null) {
      return null;
    }
    if (System.nanoTime() - e.at() > TTL_NANOS) {
      entries.remove(path);
      return null;
    }
    return e.attrs();
  }

  synchronized void put(String path, FileAttrs attrs) {
    entries.put(path, new Cached(attrs, System.nanoTime()));
  }

  synchronized void clear() {
    entries.clear();
  }
}
