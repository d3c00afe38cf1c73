package ferry.httpd.orchestration;

import ferry.core.error.ValidationException;
import ferry.core.page.PageRequest;
import ferry.httpd.common.Query;
import io.javalin.http.Context;
import java.util.Map;

/** The face's {@code page} (from 1) and {@code limit} (default 20, at most 100) query parameters. */
public final class Paging {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  private Paging() {}

  public static PageRequest of(Context ctx) {
    int page = Query.intParam(ctx, "page", 1);
    int limit = Query.intParam(ctx, "limit", DEFAULT_LIMIT);
    if (page < 1)
      throw new ValidationException("page must be 1 or more, got " + page, Map.of("field", "page"));
    if (limit < 1 || limit > MAX_LIMIT)
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit,
          Map.of("field", "limit"));
    return new PageRequest(page, limit);
  }
}
