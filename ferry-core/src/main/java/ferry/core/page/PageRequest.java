package ferry.core.page;

import ferry.core.error.ValidationException;

/** Which page of a listing to return; pages count from 1. */
public record PageRequest(int page, int limit) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public PageRequest {
    if (page < 1) throw new ValidationException("page must be 1 or more, got " + page);
    if (limit < 1 || limit > MAX_LIMIT)
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    if ((long) (page - 1) * limit > Integer.MAX_VALUE)
      throw new ValidationException("page " + page + " with limit " + limit + " is past any listing");
  }

  public static PageRequest first() {
    return new PageRequest(1, DEFAULT_LIMIT);
  }

  public int offset() {
    return (page - 1) * limit;
  }
}
