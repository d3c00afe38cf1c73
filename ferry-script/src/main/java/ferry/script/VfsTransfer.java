package ferry.script;

import static java.util.Objects.requireNonNull;

import ferry.vfs.CopyOptions;
import ferry.vfs.CopyResult;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.TargetPath;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import ferry.vfs.VfsCopier;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * One {@code CopyToVFS}, {@code MoveToVFS}, {@code Download} or {@code Upload}. It walks the source
 * (a file, a directory tree, or the files of a directory that match a glob in the last name),
 * copies each file with {@link VfsCopier#copyFile} (one bounded buffer, SHA-256, temporary name
 * then rename, nothing left behind on failure) and reports each file to the host as soon as it is
 * done. A failed file does not stop the others; a stop of the run ends the walk after the current
 * buffer. Partial uploads of others ({@link UploadNames#isTemp}) are never copied.
 */
final class VfsTransfer {
  /** How many files {@code Files()} lists at most; {@code Count()} and {@code Bytes()} see all. */
  static final int MAX_LISTED_FILES = 100_000;

  private static final int LIST_BATCH = 1000;

  /**
   * One side of a transfer.
   *
   * @param name the VFS Library name, or {@link TransferRecord#LOCAL}
   * @param vfs its file system
   * @param localRoot for the local side, the real directory its paths are under; "" otherwise
   */
  record Side(String name, ScriptVfs vfs, String localRoot) {
    Side {
      requireNonNull(name, "No name");
      requireNonNull(vfs, "No vfs");
      requireNonNull(localRoot, "No local root");
    }

    /** How records and {@code Files()} show {@code path}: absolute on the local side. */
    String show(VPath path) {
      if (localRoot.isEmpty()) {
        return path.toString();
      }
      return path.isRoot() ? localRoot : localRoot + path;
    }
  }

  private final VfsSession session;
  private final VfsCopier copier;
  private final List<JsData> files = new ArrayList<>();
  private long bytes;
  private int count;
  private int failed;
  private String firstFailure = "";

  VfsTransfer(VfsSession session, CopyOptions options) {
    this.session = session;
    this.copier = new VfsCopier(options, session.clock());
  }

  /**
   * Copies (or moves) {@code srcPath} into {@code dstDir}, which is created if missing: a file
   * lands as {@code dstDir/name}, a directory as {@code dstDir/name/...} (the root's content goes
   * straight into {@code dstDir}), and a last name with glob characters that does not exist as such
   * selects the matching files of its directory, not recursively.
   */
  VfsResult copy(Side src, VPath srcPath, Side dst, VPath dstDir, boolean move) {
    try {
      Optional<FileAttrs> attrs = src.vfs().find(srcPath);
      if (attrs.isEmpty() && isGlob(srcPath.name())) {
        matching(src, srcPath.parentOrRoot(), srcPath.name(), dst, dstDir, move);
      } else if (attrs.isEmpty()) {
        throw new NoSuchFileException(src.vfs().endpoint() + srcPath, null, "no such file");
      } else if (attrs.get().isDir()) {
        tree(src, srcPath, dst, srcPath.isRoot() ? dstDir : dstDir.child(srcPath.name()), move);
      } else {
        dst.vfs().mkdirs(dstDir);
        file(src, srcPath, dst, dstDir.child(srcPath.name()), move);
      }
      return result("");
    } catch (IOException e) {
      return result(VfsErrorText.message(e));
    }
  }

  /**
   * Copies the single file {@code from} to {@code to}: into it when it ends in a slash or is a
   * directory, otherwise onto that path; missing directories are created ({@link
   * TargetPath#resolve}).
   */
  VfsResult copyFile(Side src, VPath from, Side dst, TargetPath to) {
    try {
      if (src.vfs().stat(from).isDir()) {
        throw new FileSystemException(
            src.vfs().endpoint() + from, null, "is a directory; only single files are transferred");
      }
      file(src, from, dst, to.resolve(dst.vfs(), from.name()), false);
      return result("");
    } catch (IOException e) {
      return result(VfsErrorText.message(e));
    }
  }

  private void matching(Side src, VPath dir, String mask, Side dst, VPath dstDir, boolean move)
      throws IOException {
    PathMatcher glob;
    try {
      glob = FileSystems.getDefault().getPathMatcher("glob:" + mask);
    } catch (IllegalArgumentException e) {
      throw new IOException(src.vfs().endpoint() + dir + ": invalid mask " + mask, e);
    }
    // Collected first, so that files copied into the same directory are not matched again.
    List<String> names = new ArrayList<>();
    try (DirLister lister = src.vfs().list(dir)) {
      for (List<FileAttrs> b = lister.next(LIST_BATCH); !b.isEmpty(); b = lister.next(LIST_BATCH)) {
        for (FileAttrs f : b) {
          if (!f.isDir() && !UploadNames.isTemp(f.name()) && glob.matches(Path.of(f.name()))) {
            names.add(f.name());
          }
        }
      }
    }
    dst.vfs().mkdirs(dstDir);
    for (String name : names) {
      file(src, dir.child(name), dst, dstDir.child(name), move);
    }
  }

  private void tree(Side src, VPath srcRoot, Side dst, VPath dstRoot, boolean move)
      throws IOException {
    if (src.vfs() == dst.vfs() && dstRoot.startsWith(srcRoot)) {
      throw new FileSystemException(
          src.vfs().endpoint() + srcRoot, null, "cannot copy a directory into itself");
    }
    List<VPath> dirs = new ArrayList<>();
    Deque<VPath> pending = new ArrayDeque<>(List.of(srcRoot));
    while (!pending.isEmpty()) {
      VPath dir = pending.removeFirst();
      dirs.add(dir);
      VPath target = dir.equals(srcRoot) ? dstRoot : dstRoot.resolve(dir.relativeTo(srcRoot));
      dst.vfs().mkdirs(target);
      try (DirLister lister = src.vfs().list(dir)) {
        for (List<FileAttrs> b = lister.next(LIST_BATCH);
            !b.isEmpty();
            b = lister.next(LIST_BATCH)) {
          for (FileAttrs f : b) {
            if (f.isDir()) {
              pending.addLast(dir.child(f.name()));
            } else if (!UploadNames.isTemp(f.name())) {
              file(src, dir.child(f.name()), dst, target.child(f.name()), move);
            }
          }
        }
      }
    }
    if (move) {
      // Deepest first; a directory that still holds skipped or failed files stays.
      for (int i = dirs.size() - 1; i >= 0; i--) {
        if (!dirs.get(i).isRoot() && src.vfs().find(dirs.get(i)).isPresent()) {
          removeIfEmpty(src, dirs.get(i));
        }
      }
    }
  }

  private static void removeIfEmpty(Side src, VPath dir) throws IOException {
    try (DirLister lister = src.vfs().list(dir)) {
      if (!lister.next(1).isEmpty()) {
        return;
      }
    }
    src.vfs().remove(dir);
  }

  private void file(Side src, VPath from, Side dst, VPath to, boolean move) throws IOException {
    CopyResult r =
        src.vfs() == dst.vfs() && from.equals(to)
            ? new CopyResult(
                from,
                to,
                CopyResult.Outcome.FAILED,
                0,
                Duration.ZERO,
                "",
                src.vfs().endpoint() + from + ": source and target are the same file")
            : copier.copyFile(src.vfs(), from, dst.vfs(), to);
    boolean ok = r.ok();
    String error = ok ? "" : VfsErrorText.copyError(r.error());
    if (move && r.outcome() == CopyResult.Outcome.COPIED) {
      try {
        src.vfs().remove(from);
      } catch (IOException e) {
        ok = false;
        error = "copied, but removing the source failed: " + VfsErrorText.message(e);
      }
    }
    record(src, dst, r, ok, error);
    // Ends the walk once the run is stopped; the file in progress was recorded above.
    src.vfs().checkStopped(from);
  }

  private void record(Side src, Side dst, CopyResult r, boolean ok, String error) {
    boolean skipped = r.outcome() == CopyResult.Outcome.SKIPPED;
    String from = src.show(r.source());
    String to = dst.show(r.target());
    if (files.size() < MAX_LISTED_FILES) {
      files.add(
          JsData.of(
              "src", from,
              "dst", to,
              "bytes", r.bytes(),
              "sha256", r.sha256(),
              "ok", ok,
              "skipped", skipped,
              "error", error));
    }
    if (!ok) {
      failed++;
      if (firstFailure.isEmpty()) {
        firstFailure = error;
      }
    } else if (!skipped) {
      count++;
      bytes += r.bytes();
    }
    if (!skipped) {
      session.report(
          new TransferRecord(
              src.name(), from, dst.name(), to, r.bytes(), r.duration(), r.sha256(), ok, error));
    }
  }

  private VfsResult result(String walkError) {
    String error = walkError;
    if (error.isEmpty() && failed > 0) {
      error = firstFailure + (failed > 1 ? " (and " + (failed - 1) + " more files failed)" : "");
    }
    return VfsResult.transfer(files, bytes, count, error);
  }

  private static boolean isGlob(String name) {
    return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
