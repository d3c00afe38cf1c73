package ferry.vfs;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A directory listing read in batches, so a directory with millions of entries never has to be held
 * in memory at once. Not thread-safe. The order of entries is backend-defined; {@code .} and {@code
 * ..} are never returned.
 */
public interface DirLister extends Closeable {
  /**
   * Returns up to {@code max} further entries.
   *
   * @param max the largest batch wanted, at least 1
   * @return the next entries, or an empty list once the listing is exhausted
   * @throws IOException if the backend fails; the lister should then be closed
   */
  List<FileAttrs> next(int max) throws IOException;
}
