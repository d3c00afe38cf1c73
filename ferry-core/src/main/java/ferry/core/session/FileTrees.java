package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Operations on whole trees built from single {@link FileSession} calls (so each step is checked
 * as if the client had asked for it): make a directory with its parents, remove a tree, copy a
 * file or a tree. Used by the HTTP file API and shares, where a request names a tree.
 */
public final class FileTrees {
  static final int BUFFER_BYTES = 64 * 1024;
  static final int LIST_BATCH = 256;

  private FileTrees() {}

  /**
   * Creates {@code dir} and its missing parents.
   *
   * @throws NotDirectoryException if a file stands where a directory is needed
   */
  public static void mkdirs(FileSession s, String dir) throws IOException {
    VPath v = VPath.of(requireNonNull(dir, "No dir"));
    VPath at = VPath.ROOT;
    for (String name : v.names()) {
      at = at.child(name);
      FileAttrs a;
      try {
        a = s.stat(at.toString());
      } catch (NoSuchFileException e) {
        s.mkdir(at.toString());
        continue;
      }
      if (!a.isDir()) {
        throw new NotDirectoryException(at.toString());
      }
    }
  }

  /** Removes a file, or a directory with everything below it (each removal needs its permission). */
  public static void removeTree(FileSession s, String path) throws IOException {
    String p = s.normalize(path);
    if (s.stat(p).isDir()) {
      for (FileAttrs child : children(s, p)) {
        removeTree(s, VPath.of(p).child(child.name()).toString());
      }
    }
    s.remove(p);
  }

  /**
   * Copies a file or a directory tree: each file as a download and an upload of this session, so
   * quotas, patterns and transfer records apply. An existing target file is replaced (it needs
   * {@code overwrite}); existing target directories are merged into.
   *
   * @throws FileSystemException if a directory would be copied into itself
   */
  public static void copy(FileSession s, String from, String to) throws IOException {
    VPath f = VPath.of(requireNonNull(from, "No source"));
    VPath t = VPath.of(requireNonNull(to, "No target"));
    FileAttrs a = s.stat(f.toString());
    if (!a.isDir()) {
      copyFile(s, f.toString(), t.toString());
      return;
    }
    if (t.equals(f) || t.startsWith(f)) {
      throw new FileSystemException(f.toString(), t.toString(), "a directory cannot be copied into itself");
    }
    copyDir(s, f, t);
  }

  private static void copyDir(FileSession s, VPath f, VPath t) throws IOException {
    try {
      if (!s.stat(t.toString()).isDir()) {
        throw new NotDirectoryException(t.toString());
      }
    } catch (NoSuchFileException e) {
      s.mkdir(t.toString());
    }
    for (FileAttrs child : children(s, f.toString())) {
      VPath cf = f.child(child.name());
      VPath ct = t.child(child.name());
      if (child.isDir()) {
        copyDir(s, cf, ct);
      } else {
        copyFile(s, cf.toString(), ct.toString());
      }
    }
  }

  private static void copyFile(FileSession s, String from, String to) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    try (FileSession.Download d = s.download(from);
        FileSession.Upload u = s.upload(to, UploadMode.REPLACE)) {
      long off = 0;
      int n;
      while ((n = d.read(off, buf, 0, buf.length)) > 0) {
        u.write(u.position(), ByteBuffer.wrap(buf, 0, n));
        off += n;
      }
      u.commit();
    }
  }

  /** The entries of {@code dir}, read whole: the caller changes the directory while walking them. */
  private static List<FileAttrs> children(FileSession s, String dir) throws IOException {
    List<FileAttrs> all = new ArrayList<>();
    try (DirLister l = s.list(dir)) {
      List<FileAttrs> batch;
      while (!(batch = l.next(LIST_BATCH)).isEmpty()) {
        all.addAll(batch);
      }
    }
    return all;
  }
}
