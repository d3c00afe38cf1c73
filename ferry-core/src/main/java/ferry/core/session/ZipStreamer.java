package ferry.core.session;

import static java.util.Objects.requireNonNull;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams files and directory trees of one {@link FileSession} as a single zip, for the HTTP file
 * API's {@code streamzip} and share downloads. Each file is read as its own {@link
 * FileSession.Download}, so permissions, file patterns, bandwidth and transfer records apply per
 * file. Memory stays bounded: one buffer, one open lister per directory level.
 *
 * <p>Use: {@link #prepare} (checks every named path before a byte is sent, so the caller can still
 * answer with an error status), then {@link #writeTo}, then {@link #close}.
 */
public final class ZipStreamer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ZipStreamer.class);
  static final int BUFFER_BYTES = 64 * 1024;
  static final int LIST_BATCH = 256;

  /** One named path: a file already opened for download, or a directory to walk. */
  private record Top(String entryName, VPath path, FileAttrs attrs, FileSession.Download download) {}

  private final FileSession session;
  private final List<Top> tops;
  /** Entry names written so far: "/" next to a path inside it names some entries twice. */
  private final Set<String> written = new HashSet<>();

  private ZipStreamer(FileSession session, List<Top> tops) {
    this.session = session;
    this.tops = tops;
  }

  /**
   * Checks the named paths: each must exist; a file must be downloadable (its download starts
   * now), a directory listable. Entries are named after each path's last name ("/" puts the
   * home's contents at the top); a repeated name gets a " (n)" suffix.
   *
   * @throws NoSuchFileException if a path does not exist
   * @throws AccessDeniedException if a path may not be read
   */
  public static ZipStreamer prepare(FileSession session, List<String> paths) throws IOException {
    requireNonNull(session, "No session");
    List<Top> tops = new ArrayList<>();
    Set<String> names = new HashSet<>();
    ZipStreamer z = new ZipStreamer(session, tops);
    try {
      for (String p : paths) {
        VPath v = VPath.of(requireNonNull(p, "No path"));
        FileAttrs a = session.stat(v.toString());
        String name = unique(v.isRoot() ? "" : v.name(), names);
        if (a.isDir()) {
          session.list(v.toString()).close(); // needs list permission
          tops.add(new Top(name, v, a, null));
        } else {
          tops.add(new Top(name, v, a, session.download(v.toString())));
        }
      }
    } catch (IOException | RuntimeException e) {
      z.close();
      throw e;
    }
    return z;
  }

  private static String unique(String name, Set<String> taken) {
    if (name.isEmpty() || taken.add(name)) {
      return name;
    }
    for (int i = 1; ; i++) {
      int dot = name.lastIndexOf('.');
      String candidate = dot > 0
          ? name.substring(0, dot) + " (" + i + ")" + name.substring(dot)
          : name + " (" + i + ")";
      if (taken.add(candidate)) {
        return candidate;
      }
    }
  }

  /**
   * Writes the zip to {@code out} (not closed). A file below a named directory that may not be read
   * or vanished meanwhile is left out; any other failure ends the stream, and a failed write
   * (the client left) marks the running download as cut short.
   */
  public void writeTo(OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out);
    byte[] buf = new byte[BUFFER_BYTES];
    for (Top t : tops) {
      if (t.download() != null) {
        if (written.add(t.entryName())) writeEntry(zip, entry(t.entryName(), t.attrs()), t.download(), buf);
        else t.download().close();
      } else {
        writeDir(zip, t.entryName(), t.path(), buf);
      }
    }
    zip.finish();
    zip.flush();
  }

  private void writeDir(ZipOutputStream zip, String name, VPath dir, byte[] buf) throws IOException {
    String prefix = name.isEmpty() ? "" : name + "/";
    if (!prefix.isEmpty() && written.add(prefix)) {
      zip.putNextEntry(new ZipEntry(prefix));
      zip.closeEntry();
    }
    try (DirLister l = session.list(dir.toString())) {
      List<FileAttrs> batch;
      while (!(batch = l.next(LIST_BATCH)).isEmpty()) {
        for (FileAttrs a : batch) {
          VPath child = dir.child(a.name());
          if (a.isDir()) {
            writeDir(zip, prefix + a.name(), child, buf);
          } else {
            writeNested(zip, prefix + a.name(), child, a, buf);
          }
        }
      }
    }
  }

  private void writeNested(ZipOutputStream zip, String name, VPath file, FileAttrs a, byte[] buf)
      throws IOException {
    if (written.contains(name)) return;
    FileSession.Download d;
    try {
      d = session.download(file.toString());
    } catch (AccessDeniedException | NoSuchFileException e) {
      // the refusal is on record as a failed transfer; the rest of the tree still comes
      LOG.debug("zip of {}: {} left out: {}", session.user().username(), file, e.toString());
      return;
    }
    written.add(name);
    writeEntry(zip, entry(name, a), d, buf);
  }

  private static ZipEntry entry(String name, FileAttrs a) {
    ZipEntry e = new ZipEntry(name);
    e.setLastModifiedTime(FileTime.from(a.modified()));
    return e;
  }

  private static void writeEntry(ZipOutputStream zip, ZipEntry entry, FileSession.Download d, byte[] buf)
      throws IOException {
    try (d) {
      zip.putNextEntry(entry);
      long off = 0;
      int n;
      while ((n = d.read(off, buf, 0, buf.length)) > 0) {
        try {
          zip.write(buf, 0, n);
        } catch (IOException e) {
          d.abandon("the client stopped reading the zip");
          throw e;
        }
        off += n;
      }
      zip.closeEntry();
    }
  }

  /** Ends the downloads that were checked but never written. Idempotent. */
  @Override
  public void close() {
    for (Top t : tops) {
      if (t.download() != null) {
        t.download().close();
      }
    }
  }
}
