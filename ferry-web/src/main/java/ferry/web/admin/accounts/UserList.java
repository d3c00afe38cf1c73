package ferry.web.admin.accounts;

import ferry.core.account.User;
import ferry.core.account.UserQuery;
import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The users list's request ({@code q}, {@code status}, {@code sort}, {@code dir}, {@code page},
 * {@code size}) and the links that change one of them, so every link and the htmx pushes carry the
 * same state; plain links work without JavaScript.
 */
public record UserList(UserQuery query, PageRequest request, Page<User> result) {
  public static final String PATH = "/web/admin/users";
  public static final List<Integer> SIZES = List.of(10, 25, 50, 100);

  /** The query and page a request asks for (no result yet). */
  static UserList asked(Context ctx) {
    String status = ctx.queryParam("status");
    Integer st = status == null || status.isEmpty() ? null : switch (status) {
      case "1" -> User.ENABLED;
      case "0" -> User.DISABLED;
      default -> throw new ValidationException("status must be 1 or 0", Map.of("field", "status"));
    };
    String dir = ctx.queryParam("dir");
    UserQuery q = new UserQuery(ctx.queryParam("q"), st, UserQuery.Sort.of(ctx.queryParam("sort")), "desc".equals(dir));
    int size = integer(ctx, "size", 25);
    if (!SIZES.contains(size)) throw new ValidationException("size must be 10, 25, 50 or 100", Map.of("field", "size"));
    return new UserList(q, new PageRequest(Math.max(1, integer(ctx, "page", 1)), size), null);
  }

  private static int integer(Context ctx, String name, int dflt) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) return dflt;
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ValidationException(name + " must be a whole number", Map.of("field", name));
    }
  }

  UserList with(Page<User> result) {
    return new UserList(query, request, result);
  }

  public List<UserRow> rows() {
    return result.items().stream().map(UserRow::new).toList();
  }

  public long total() {
    return result.total();
  }

  public int page() {
    return request.page();
  }

  public int pages() {
    return (int) Math.max(1, (result.total() + request.limit() - 1) / request.limit());
  }

  public int size() {
    return request.limit();
  }

  public String search() {
    return query.search();
  }

  public String status() {
    return query.status() == null ? "" : String.valueOf(query.status());
  }

  public String sort() {
    return query.sort().wire();
  }

  public boolean descending() {
    return query.descending();
  }

  /** The link to page {@code n} with everything else kept. */
  public String pageHref(int n) {
    return href(query.sort().wire(), query.descending(), n, request.limit());
  }

  public String sizeHref(int size) {
    return href(query.sort().wire(), query.descending(), 1, size);
  }

  /** Sorting by {@code column}: ascending first, the other direction when it is already the sort. */
  public String sortHref(String column) {
    boolean desc = column.equals(query.sort().wire()) && !query.descending();
    return href(column, desc, 1, request.limit());
  }

  /** {@code ascending}/{@code descending} for aria-sort on the current column, else null. */
  public String ariaSort(String column) {
    return column.equals(query.sort().wire()) ? (query.descending() ? "descending" : "ascending") : null;
  }

  /** The current list's link (after a bulk action, to come back to it). */
  public String self() {
    return pageHref(request.page());
  }

  private String href(String sort, boolean desc, int page, int size) {
    StringBuilder b = new StringBuilder(PATH).append("?page=").append(page).append("&size=").append(size);
    if (!query.search().isEmpty()) b.append("&q=").append(URLEncoder.encode(query.search(), StandardCharsets.UTF_8));
    if (query.status() != null) b.append("&status=").append(query.status());
    if (!sort.equals("username")) b.append("&sort=").append(sort);
    if (desc) b.append("&dir=desc");
    return b.toString();
  }
}
