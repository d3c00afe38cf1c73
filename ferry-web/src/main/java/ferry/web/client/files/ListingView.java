package ferry.web.client.files;

import java.util.ArrayList;
import java.util.List;

/**
 * One page of the browser.
 *
 * @param dir the folder shown, as the user's session normalized it
 * @param total entries in the folder (or matches of the search)
 * @param truncated a search bound stopped the search early
 * @param byNameOnly a large folder sorted by name without stat'ing every entry: folders are not
 *     grouped first ({@link Browser#GROUPED_UP_TO})
 */
public record ListingView(BrowseQuery query, String dir, List<Entry> entries, long total, boolean truncated,
    boolean byNameOnly) {
  /** One step of the breadcrumb. */
  public record Crumb(String name, String path) {}

  public int pages() {
    return (int) Math.max(1, (total + query.size() - 1) / query.size());
  }

  public boolean hasPrevious() {
    return query.page() > 1;
  }

  public boolean hasNext() {
    return query.page() < pages();
  }

  public String previousHref() {
    return query.href(query.page() - 1);
  }

  public String nextHref() {
    return query.href(query.page() + 1);
  }

  /** The folders from the root to {@link #dir}. */
  public List<Crumb> crumbs() {
    List<Crumb> out = new ArrayList<>();
    out.add(new Crumb("/", "/"));
    StringBuilder p = new StringBuilder();
    for (String name : dir.split("/")) {
      if (name.isEmpty()) continue;
      p.append('/').append(name);
      out.add(new Crumb(name, p.toString()));
    }
    return out;
  }

  /** Where an entry links: a folder to its listing, a file to its preview. */
  public String href(Entry e) {
    return e.dir() ? query.folderHref(e.path()) : BrowseQuery.BASE + "/preview?path=" + BrowseQuery.enc(e.path());
  }

  public String downloadHref(Entry e) {
    return BrowseQuery.BASE + "/download?path=" + BrowseQuery.enc(e.path());
  }

  public String itemHref(Entry e) {
    return BrowseQuery.BASE + "/item?path=" + BrowseQuery.enc(e.path());
  }

  /** The first entry's number on this page (1-based), for "1-50 of 100,000". */
  public long first() {
    return entries.isEmpty() ? 0 : query.offset() + 1L;
  }

  public long last() {
    return query.offset() + (long) entries.size();
  }
}
