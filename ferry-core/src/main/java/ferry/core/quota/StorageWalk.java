package ferry.core.quota;

import ferry.core.account.UsageRepository.Usage;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayDeque;
import java.util.Deque;

/** Counts the files and bytes under a storage's root, reading directories in batches. */
final class StorageWalk {
  private static final int BATCH = 1000;

  private StorageWalk() {}

  /**
   * Walks the whole tree of {@code vfs}; a root that does not exist yet counts as empty.
   *
   * @throws IOException when the storage fails, or {@link InterruptedIOException} when the thread is
   *     interrupted (the server stops)
   */
  static Usage count(Vfs vfs) throws IOException {
    long size = 0;
    long files = 0;
    Deque<VPath> dirs = new ArrayDeque<>();
    dirs.push(VPath.ROOT);
    while (!dirs.isEmpty()) {
      VPath dir = dirs.pop();
      try (DirLister l = vfs.list(dir)) {
        for (var batch = l.next(BATCH); !batch.isEmpty(); batch = l.next(BATCH)) {
          if (Thread.currentThread().isInterrupted()) throw new InterruptedIOException("quota scan interrupted");
          for (FileAttrs a : batch) {
            if (a.isDir()) {
              dirs.push(dir.child(a.name()));
            } else {
              size += a.size();
              files++;
            }
          }
        }
      } catch (NoSuchFileException e) {
        // The root of a new user's home, or a directory removed while the scan ran: nothing to count.
        continue;
      }
    }
    return new Usage(size, files);
  }
}
