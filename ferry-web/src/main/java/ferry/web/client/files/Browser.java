package ferry.web.client.files;

import ferry.core.session.FileSession;
import ferry.httpd.files.FsErrors;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads one page of a folder, or of a search below it, through the user's file session: the
 * listing is streamed in batches into a {@link Window}, never held whole.
 */
final class Browser {
  static final int BATCH = 1000;
  /** A search stops after this many matches... */
  static final int MAX_RESULTS = 1000;
  /** ...or after looking at this many entries, and says so. */
  static final int MAX_VISITED = 100_000;

  private Browser() {}

  static ListingView read(FileSession s, BrowseQuery q) throws IOException {
    String dir = s.normalize(q.path());
    FileAttrs at = FsErrors.call(() -> s.stat(dir));
    if (!at.isDir()) throw new ferry.core.error.ValidationException(FsErrors.clean(dir) + " is not a directory");
    Window w = new Window(Entry.order(q.sort(), q.desc()), q.offset(), q.size());
    boolean truncated = q.searching() ? search(s, dir, q.q(), w) : list(s, dir, w);
    return new ListingView(q, dir, w.page(), w.total(), truncated);
  }

  private static boolean list(FileSession s, String dir, Window w) throws IOException {
    FsErrors.call(() -> {
      try (DirLister l = s.list(dir)) {
        for (List<FileAttrs> batch; !(batch = l.next(BATCH)).isEmpty(); )
          for (FileAttrs a : batch) w.offer(new Entry(dir, a));
      }
      return null;
    });
    return false;
  }

  /** Breadth first below {@code dir}; true when a bound stopped it before the end. */
  private static boolean search(FileSession s, String dir, String q, Window w) throws IOException {
    String needle = q.toLowerCase(Locale.ROOT);
    Deque<String> folders = new ArrayDeque<>();
    folders.add(dir);
    long visited = 0;
    while (!folders.isEmpty()) {
      String folder = folders.poll();
      try (DirLister l = s.list(folder)) {
        for (List<FileAttrs> batch; !(batch = l.next(BATCH)).isEmpty(); ) {
          for (FileAttrs a : batch) {
            if (++visited > MAX_VISITED) return true;
            if (a.isDir()) folders.add(VPath.of(folder).child(a.name()).toString());
            if (a.name().toLowerCase(Locale.ROOT).contains(needle)) {
              w.offer(new Entry(folder, a));
              if (w.total() >= MAX_RESULTS) return true;
            }
          }
        }
      } catch (FileSystemException e) {
        if (folder.equals(dir)) throw FsErrors.translate(e);
        // a sub-folder the user may not list is left out of the results, as SFTP would show it
      }
    }
    return false;
  }
}
