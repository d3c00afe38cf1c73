package ferry.sftpd;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A directory listing pulled batch by batch from the file session as MINA asks for entries. Each
 * entry carries its attributes and lands in the session's stat cache.
 */
final class SessionDirectoryStream implements DirectoryStream<Path> {
  static final int BATCH = 256;

  private final SessionPath dir;
  private final String virtualDir;
  private final DirLister lister;
  private final Filter<? super Path> filter;
  private final Deque<Path> pending = new ArrayDeque<>();
  private boolean exhausted;
  private boolean iterated;
  private boolean closed;

  SessionDirectoryStream(SessionPath dir, DirLister lister, Filter<? super Path> filter) {
    this.dir = dir;
    this.virtualDir = dir.virtual();
    this.lister = lister;
    this.filter = filter;
  }

  @Override
  public Iterator<Path> iterator() {
    if (closed || iterated) {
      throw new IllegalStateException("Directory stream of " + virtualDir + " already used");
    }
    iterated = true;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return fill();
      }

      @Override
      public Path next() {
        if (!fill()) {
          throw new NoSuchElementException();
        }
        return pending.removeFirst();
      }
    };
  }

  private boolean fill() {
    try {
      while (pending.isEmpty() && !exhausted && !closed) {
        var batch = lister.next(BATCH);
        if (batch.isEmpty()) {
          exhausted = true;
        }
        SessionFileSystem fs = dir.getFileSystem();
        for (FileAttrs a : batch) {
          SessionPath child = dir.resolve(a.name());
          SessionAttributes attrs = fs.attributes(a);
          fs.cache().put(child.virtual(), a);
          Path entry = child.withAttributes(attrs.toSftp());
          if (filter == null || filter.accept(entry)) {
            pending.add(entry);
          }
        }
      }
      return !pending.isEmpty();
    } catch (IOException e) {
      throw new DirectoryIteratorException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      lister.close();
    }
  }
}
