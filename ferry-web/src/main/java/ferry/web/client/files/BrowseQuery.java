package ferry.web.client.files;

import ferry.httpd.files.user.UserPaths;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What the file browser shows: the folder, the page and its size, the sort and a search. Bad values
 * fall back to the defaults (a hand-edited URL shows the first page, not an error); a path is
 * checked like the API's ({@link UserPaths}) and then resolved by the user's own file session.
 *
 * @param q a name to search for below {@code path}, empty for the plain listing
 */
public record BrowseQuery(String path, int page, int size, String sort, boolean desc, String q) {
  public static final String BASE = "/web/client/files";
  public static final List<Integer> SIZES = List.of(25, 50, 100, 500);
  public static final List<String> SORTS = List.of("name", "size", "modified");
  public static final int DEFAULT_SIZE = 50;
  /** Highest page number asked for: beyond it the listing would hold too many entries to skip. */
  static final int MAX_PAGE = 100_000;

  public static BrowseQuery of(Context ctx) {
    String path = ctx.queryParam("path");
    path = path == null || path.isEmpty() ? "/" : UserPaths.check("path", path);
    int size = number(ctx.queryParam("size"));
    if (!SIZES.contains(size)) size = DEFAULT_SIZE;
    int page = Math.min(MAX_PAGE, Math.max(1, number(ctx.queryParam("page"))));
    String sort = ctx.queryParam("sort");
    if (sort == null || !SORTS.contains(sort)) sort = "name";
    boolean desc = "desc".equals(ctx.queryParam("dir"));
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
    if (q.length() > 255) q = q.substring(0, 255);
    return new BrowseQuery(path, page, size, sort, desc, q);
  }

  /** The same query in the folder {@code dir}, from its first page and without search. */
  public BrowseQuery in(String dir) {
    return new BrowseQuery(dir, 1, size, sort, desc, "");
  }

  public boolean searching() {
    return !q.isEmpty();
  }

  public int offset() {
    return (page - 1) * size;
  }

  /** This query's URL, on {@code page}. */
  public String href(int page) {
    return url(path, page, size, sort, desc, q);
  }

  public String href() {
    return href(page);
  }

  /** The URL of sorting by {@code column}: the other direction when already sorted by it. */
  public String sortHref(String column) {
    return url(path, 1, size, column, column.equals(sort) && !desc, q);
  }

  /** {@code aria-sort} of a column header. */
  public String ariaSort(String column) {
    return column.equals(sort) ? (desc ? "descending" : "ascending") : null;
  }

  public String dirParam() {
    return desc ? "desc" : "asc";
  }

  /** The browser's URL of the folder {@code dir} (plain listing, this size and sort). */
  public String folderHref(String dir) {
    return url(dir, 1, size, sort, desc, "");
  }

  /** The plain first page of the folder {@code dir}. */
  public static String folder(String dir) {
    return url(dir, 1, DEFAULT_SIZE, "name", false, "");
  }

  static String url(String path, int page, int size, String sort, boolean desc, String q) {
    StringBuilder b = new StringBuilder(BASE).append("?path=").append(enc(path));
    if (page > 1) b.append("&page=").append(page);
    if (size != DEFAULT_SIZE) b.append("&size=").append(size);
    if (!sort.equals("name")) b.append("&sort=").append(sort);
    if (desc) b.append("&dir=desc");
    if (!q.isEmpty()) b.append("&q=").append(enc(q));
    return b.toString();
  }

  public static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static int number(String s) {
    if (s == null || s.isEmpty() || s.length() > 9) return 0;
    try {
      return Integer.parseInt(s.toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
