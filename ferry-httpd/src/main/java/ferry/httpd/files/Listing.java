package ferry.httpd.files;

import ferry.core.error.ValidationException;
import ferry.httpd.common.Query;
import io.javalin.http.Context;
import java.util.Locale;

/** The reference's {@code offset}, {@code limit} and {@code order} query parameters of every /api/v2 listing. */
public record Listing(int offset, int limit, boolean descending) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 500;

  public static Listing of(Context ctx) {
    int offset = Query.intParam(ctx, "offset", 0);
    if (offset < 0) throw new ValidationException("query parameter offset must be 0 or more, got " + offset);
    int limit = Query.intParam(ctx, "limit", DEFAULT_LIMIT);
    if (limit < 1 || limit > MAX_LIMIT)
      throw new ValidationException("query parameter limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    String order = Query.string(ctx, "order");
    String upper = order == null ? "ASC" : order.toUpperCase(Locale.ROOT);
    if (!upper.equals("ASC") && !upper.equals("DESC"))
      throw new ValidationException("query parameter order must be ASC or DESC, got '" + order + "'");
    return new Listing(offset, limit, upper.equals("DESC"));
  }
}
