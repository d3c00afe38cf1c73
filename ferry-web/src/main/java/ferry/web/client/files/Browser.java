package ferry.web.client.files;

import ferry.core.session.FileSession;
import ferry.httpd.files.FsErrors;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
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
  /**
   * A folder sorted by name with more entries than this is paged from its names alone, and only the
   * page's entries are stat'ed: on local disk the stat of every entry was 0.7 s of a 100,000-file
   * folder's first page (bench/web). Folders are then not grouped first, and the page says so.
   */
  static final int GROUPED_UP_TO = 5_000;

  private Browser() {}

  static ListingView read(FileSession s, BrowseQuery q) throws IOException {
    String dir = s.normalize(q.path());
    FileAttrs at = FsErrors.call(() -> s.stat(dir));
    if (!at.isDir()) throw new ferry.core.error.ValidationException(FsErrors.clean(dir) + " is not a directory");
    if (!q.searching() && q.sort().equals("name")) {
      List<String> names = FsErrors.call(() -> s.listNames(dir));
      if (names.size() > GROUPED_UP_TO) return byName(s, q, dir, names);
    }
    Window w = new Window(Entry.order(q.sort(), q.desc()), q.offset(), q.size());
    boolean truncated = q.searching() ? search(s, dir, q.q(), w) : list(s, dir, w);
    return new ListingView(q, dir, w.page(), w.total(), truncated, false);
  }

  /**
   * One page of a large folder by name: the first {@code offset + size} names in a bounded heap (no
   * sort of them all), then a stat of each of the page's; one gone meanwhile is left out.
   */
  private static ListingView byName(FileSession s, BrowseQuery q, String dir, List<String> names) throws IOException {
    Comparator<String> order = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());
    if (q.desc()) order = order.reversed();
    int keep = q.offset() + q.size();
    java.util.PriorityQueue<String> heap = new java.util.PriorityQueue<>(Math.min(keep, 1024) + 1, order.reversed());
    for (String n : names) {
      if (heap.size() < keep) heap.add(n);
      else if (order.compare(n, heap.peek()) < 0) {
        heap.poll();
        heap.add(n);
      }
    }
    List<String> first = new ArrayList<>(heap);
    first.sort(order);
    List<Entry> page = new ArrayList<>();
    for (String name : first.subList(Math.min(q.offset(), first.size()), first.size())) {
      try {
        page.add(new Entry(dir, s.stat(VPath.of(dir).child(name).toString())));
      } catch (java.nio.file.NoSuchFileException gone) {
        // removed between the listing and its stat
      }
    }
    return new ListingView(q, dir, page, names.size(), false, true);
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
