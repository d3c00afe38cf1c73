package ferry.core.page;

import java.util.List;

/** One page of a listing. */
public record Page<T>(List<T> items, int page, int limit, long total) {
  public Page {
    items = List.copyOf(items);
  }
}
