package ferry.script;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The VFS object methods other than transfers: listing, attributes, directories, removal, renaming
 * and small text files. They run on the run's VFS worker and throw the script-facing exceptions of
 * {@link ScriptVfs}.
 */
final class VfsFileOps {
  /** Entries {@code ReadDir} returns at most. */
  static final int MAX_DIR_ENTRIES = 100_000;

  /** Bytes {@code ReadFileAsText} reads at most: 16 MiB. */
  static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

  private static final int LIST_BATCH = 1000;
  private static final int WRITE_CHUNK = 512 * 1024;

  private VfsFileOps() {}

  /** {@code ReadDir}: the entries, read in batches and cut at {@link #MAX_DIR_ENTRIES}. */
  static VfsResult readDir(ScriptVfs vfs, VPath dir) throws IOException {
    List<JsData> entries = new ArrayList<>();
    try (DirLister lister = vfs.list(dir)) {
      while (true) {
        int room = MAX_DIR_ENTRIES - entries.size();
        List<FileAttrs> batch = lister.next(Math.max(1, Math.min(LIST_BATCH, room)));
        if (batch.isEmpty()) {
          return VfsResult.dir(entries, "");
        }
        if (room == 0) {
          return VfsResult.dir(
              entries,
              vfs.endpoint()
                  + dir
                  + ": listing cut at "
                  + MAX_DIR_ENTRIES
                  + " entries; list smaller directories");
        }
        batch.forEach(attrs -> entries.add(VfsResult.entry(attrs)));
      }
    }
  }

  /** {@code Exists}: true or false; only errors other than "not found" fail. */
  static VfsResult exists(ScriptVfs vfs, VPath path) throws IOException {
    return VfsResult.exists(vfs.find(path).isPresent());
  }

  /** {@code RemoveAll}: a file, or a directory with everything in it; a missing path is fine. */
  static VfsResult removeAll(ScriptVfs vfs, VPath path) throws IOException {
    if (path.isRoot()) {
      throw new AccessDeniedException(
          vfs.endpoint() + path, null, "RemoveAll refuses to remove the root");
    }
    Optional<FileAttrs> attrs = vfs.find(path);
    if (attrs.isPresent() && attrs.get().isDir()) {
      removeTree(vfs, path);
    } else if (attrs.isPresent()) {
      vfs.remove(path);
    }
    return VfsResult.ok();
  }

  // Removes what one batch lists and lists again, so no directory is held in memory whole and
  // no listing is read while its entries are removed.
  private static void removeTree(ScriptVfs vfs, VPath dir) throws IOException {
    while (true) {
      List<FileAttrs> batch;
      try (DirLister lister = vfs.list(dir)) {
        batch = lister.next(LIST_BATCH);
      }
      if (batch.isEmpty()) {
        break;
      }
      for (FileAttrs f : batch) {
        if (f.isDir()) {
          removeTree(vfs, dir.child(f.name()));
        } else {
          vfs.remove(dir.child(f.name()));
        }
      }
    }
    vfs.remove(dir);
  }

  /** {@code ReadFileAsText}: the whole file as UTF-8, refused above {@link #MAX_TEXT_BYTES}. */
  static VfsResult readText(ScriptVfs vfs, VPath path) throws IOException {
    FileAttrs attrs = vfs.stat(path);
    if (attrs.isDir()) {
      throw new FileSystemException(vfs.endpoint() + path, null, "is a directory");
    }
    if (attrs.size() > MAX_TEXT_BYTES) {
      throw tooBig(vfs, path, attrs.size() + " bytes");
    }
    byte[] data;
    try (InputStream in = vfs.openRead(path, 0)) {
      data = in.readNBytes(MAX_TEXT_BYTES + 1);
    }
    if (data.length > MAX_TEXT_BYTES) {
      // It grew after the stat.
      throw tooBig(vfs, path, "over 16 MiB");
    }
    return VfsResult.text(new String(data, StandardCharsets.UTF_8));
  }

  private static IOException tooBig(ScriptVfs vfs, VPath path, String size) {
    return new FileSystemException(
        vfs.endpoint() + path,
        null,
        "too large for ReadFileAsText ("
            + size
            + ", the limit is 16 MiB); use CopyToVFS or Download");
  }

  /** {@code WriteFileAsText}: replaces the file atomically (temporary name, then commit). */
  static VfsResult writeText(ScriptVfs vfs, VPath path, String text) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    try (Upload upload = vfs.openWrite(path, WriteOptions.replace())) {
      for (int off = 0; off < data.length; off += WRITE_CHUNK) {
        upload.write(ByteBuffer.wrap(data, off, Math.min(WRITE_CHUNK, data.length - off)));
      }
      upload.commit();
    }
    return VfsResult.ok();
  }
}
