package ferry.httpd.orchestration;

import ferry.core.page.Page;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.function.Function;

/**
 * The orchestration face's success envelope, {@code {"success":true,"data":...}}; lists add {@code
 * pagination}. Failures get theirs from {@link ferry.httpd.common.ErrorBody}, chosen by path.
 */
public final class Envelope {
  private Envelope() {}

  record Success(boolean success, Object data) {}

  /** Where a page sits in the whole listing. */
  public record Pagination(int page, int limit, long total, long totalPages) {}

  record PageOf(boolean success, List<?> data, Pagination pagination) {}

  /** 200 with {@code data}. */
  public static void ok(Context ctx, Object data) {
    ctx.status(HttpStatus.OK).json(new Success(true, data));
  }

  /** 201 with {@code data}. */
  public static void created(Context ctx, Object data) {
    ctx.status(HttpStatus.CREATED).json(new Success(true, data));
  }

  /** 200 with the page's items, each shown as {@code view} makes it, and where the page sits. */
  public static <T> void page(Context ctx, Page<T> page, Function<? super T, ?> view) {
    long pages = page.total() == 0 ? 0 : (page.total() + page.limit() - 1) / page.limit();
    ctx.status(HttpStatus.OK).json(new PageOf(true, page.items().stream().map(view).toList(),
        new Pagination(page.page(), page.limit(), page.total(), pages)));
  }
}
