package ferry.vfs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Lists a local directory lazily from a {@link DirectoryStream}. */
final class LocalDirLister implements DirLister {
  private final LocalVfs vfs;
  private final VPath dir;
  private final DirectoryStream<Path> stream;
  private final Iterator<Path> entries;

  LocalDirLister(LocalVfs vfs, VPath dir, DirectoryStream<Path> stream) {
    this.vfs = vfs;
    this.dir = dir;
    this.stream = stream;
    this.entries = stream.iterator();
  }

  @Override
  public List<FileAttrs> next(int max) throws IOException {
    if (max < 1) {
      throw new IllegalArgumentException("Batch size must be at least 1, not " + max);
    }
    List<FileAttrs> batch = new ArrayList<>(Math.min(max, 1024));
    try {
      while (batch.size() < max && entries.hasNext()) {
        Path entry = entries.next();
        String name = entry.getFileName().toString();
        try {
          if (Files.isSymbolicLink(entry)) {
            vfs.resolve(dir.child(name)); // throws if it leads outside the root
          }
          batch.add(LocalVfs.attrs(name, Files.readAttributes(entry, BasicFileAttributes.class)));
        } catch (NoSuchFileException | AccessDeniedException e) {
          // Removed since the directory was read, or a link we must not follow: not listed.
        }
      }
    } catch (DirectoryIteratorException e) {
      throw new IOException(vfs.where(dir) + ": listing failed", e.getCause());
    }
    return batch;
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
