package ferry.web.client.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One page of a stream of entries in a given order, without holding the stream: a bounded heap keeps
 * the first {@code offset + limit} entries seen so far (the first page of a folder of 100,000 files
 * holds 50), and every entry is counted.
 */
final class Window {
  private final Comparator<Entry> order;
  private final int offset;
  private final int keep;
  private final PriorityQueue<Entry> heap;
  private long total;

  Window(Comparator<Entry> order, int offset, int limit) {
    this.order = order;
    this.offset = offset;
    this.keep = offset + limit;
    this.heap = new PriorityQueue<>(Math.min(keep, 1024) + 1, order.reversed());
  }

  void offer(Entry e) {
    total++;
    if (heap.size() < keep) {
      heap.add(e);
    } else if (order.compare(e, heap.peek()) < 0) {
      heap.poll();
      heap.add(e);
    }
  }

  long total() {
    return total;
  }

  /** The page: the kept entries in order, the first {@code offset} skipped. */
  List<Entry> page() {
    List<Entry> all = new ArrayList<>(heap);
    all.sort(order);
    return offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, all.size()));
  }
}
