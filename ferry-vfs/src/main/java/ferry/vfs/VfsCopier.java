package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies files between any two {@link Vfs}s, streaming through one bounded buffer and computing
 * SHA-256 on the way. A file whose copy fails never appears at the target: uploads go through
 * {@link Upload#commit()}, and anything uncommitted is aborted.
 *
 * <p>Failures of single files are reported in their {@link CopyResult} and the copy goes on with
 * the next file; a missing source or an unusable target directory throws. Thread-safe.
 */
public final class VfsCopier {
  private static final Logger LOG = LoggerFactory.getLogger(VfsCopier.class);
  private static final int LIST_BATCH = 1000;

  private final CopyOptions options;
  private final Clock clock;

  public VfsCopier(CopyOptions options, Clock clock) {
    this.options = requireNonNull(options, "No copy options");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Copies {@code srcPath} into {@code dstDir}, which is created if missing. A file lands as {@code
   * dstDir/name}; a directory is copied with its whole tree as {@code dstDir/name/...} (the root as
   * {@code dstDir/...}); a last name with glob characters that does not exist as such selects the
   * matching files of its directory (not recursive), e.g. {@code /in/*.csv}.
   *
   * @return one result per file, in the order copied
   * @throws java.nio.file.NoSuchFileException if {@code srcPath} does not exist
   * @throws IOException if the target directory cannot be created, or a listing fails
   */
  public List<CopyResult> copy(Vfs src, VPath srcPath, Vfs dst, VPath dstDir) throws IOException {
    return transfer(src, srcPath, dst, dstDir, false);
  }

  /**
   * Like {@link #copy} but removes each source file once it was copied, and then the emptied source
   * directories. Skipped or failed files stay in place.
   */
  public List<CopyResult> move(Vfs src, VPath srcPath, Vfs dst, VPath dstDir) throws IOException {
    return transfer(src, srcPath, dst, dstDir, true);
  }

  /**
   * Copies the files directly in {@code srcDir} whose names match {@code glob} into {@code dstDir},
   * which is created if missing.
   */
  public List<CopyResult> copyMatching(Vfs src, VPath srcDir, String glob, Vfs dst, VPath dstDir)
      throws IOException {
    return matching(src, srcDir, Glob.compile(glob), dst, dstDir, false);
  }

  private List<CopyResult> transfer(Vfs src, VPath srcPath, Vfs dst, VPath dstDir, boolean move)
      throws IOException {
    requireNonNull(src, "No source vfs");
    requireNonNull(dst, "No target vfs");
    Optional<FileAttrs> attrs = src.find(srcPath);
    if (attrs.isEmpty() && Glob.isGlob(srcPath.name())) {
      return matching(src, srcPath.parentOrRoot(), Glob.compile(srcPath.name()), dst, dstDir, move);
    }
    FileAttrs a = attrs.orElseThrow(() -> VfsErrors.noSuchFile(src.endpoint() + srcPath, null));
    dst.mkdirs(dstDir);
    VPath target = srcPath.isRoot() ? dstDir : dstDir.child(srcPath.name());
    byte[] buffer = new byte[options.bufferSize()];
    if (!a.isDir()) {
      return List.of(finish(src, copyFile(src, srcPath, a, dst, target, buffer), move));
    }
    if (src == dst && target.startsWith(srcPath)) {
      throw new IOException(src.endpoint() + srcPath + ": cannot copy a directory into itself");
    }
    return copyTree(src, srcPath, dst, target, buffer, move);
  }

  private List<CopyResult> matching(
      Vfs src, VPath srcDir, Glob glob, Vfs dst, VPath dstDir, boolean move) throws IOException {
    List<FileAttrs> files = new ArrayList<>();
    try (DirLister lister = src.list(srcDir)) {
      for (List<FileAttrs> b = lister.next(LIST_BATCH); !b.isEmpty(); b = lister.next(LIST_BATCH)) {
        b.stream().filter(f -> !f.isDir() && glob.matches(f.name())).forEach(files::add);
      }
    }
    dst.mkdirs(dstDir);
    byte[] buffer = new byte[options.bufferSize()];
    List<CopyResult> results = new ArrayList<>();
    for (FileAttrs f : files) {
      checkInterrupted();
      CopyResult r = copyFile(src, srcDir.child(f.name()), f, dst, dstDir.child(f.name()), buffer);
      results.add(finish(src, r, move));
    }
    return results;
  }

  private List<CopyResult> copyTree(
      Vfs src, VPath srcRoot, Vfs dst, VPath dstRoot, byte[] buffer, boolean move)
      throws IOException {
    List<CopyResult> results = new ArrayList<>();
    List<VPath> dirs = new ArrayList<>();
    Deque<VPath> pending = new ArrayDeque<>(List.of(srcRoot));
    while (!pending.isEmpty()) {
      VPath dir = pending.removeFirst();
      dirs.add(dir);
      VPath dstDir = dir.equals(srcRoot) ? dstRoot : dstRoot.resolve(dir.relativeTo(srcRoot));
      dst.mkdirs(dstDir);
      try (DirLister lister = src.list(dir)) {
        for (List<FileAttrs> b = lister.next(LIST_BATCH);
            !b.isEmpty();
            b = lister.next(LIST_BATCH)) {
          for (FileAttrs f : b) {
            checkInterrupted();
            if (f.isDir()) {
              pending.addLast(dir.child(f.name()));
            } else {
              CopyResult r =
                  copyFile(src, dir.child(f.name()), f, dst, dstDir.child(f.name()), buffer);
              results.add(finish(src, r, move));
            }
          }
        }
      }
    }
    if (move) {
      removeEmptied(src, dirs);
    }
    return results;
  }

  private static void removeEmptied(Vfs src, List<VPath> dirs) {
    for (int i = dirs.size() - 1; i >= 0; i--) {
      try {
        src.remove(dirs.get(i));
      } catch (IOException e) {
        // Still holds skipped or failed files: it stays, as the results already say.
        LOG.debug("Kept source directory {}{}: {}", src.endpoint(), dirs.get(i), e.toString());
      }
    }
  }

  private CopyResult finish(Vfs src, CopyResult r, boolean move) {
    if (!move || r.outcome() != CopyResult.Outcome.COPIED) {
      return r;
    }
    try {
      src.remove(r.source());
      return r;
    } catch (IOException e) {
      return new CopyResult(
          r.source(),
          r.target(),
          CopyResult.Outcome.FAILED,
          r.bytes(),
          r.duration(),
          r.sha256(),
          "copied, but removing the source failed: " + describe(e));
    }
  }

  /**
   * Copies one file to an exact target path, applying the overwrite policy.
   *
   * @return the result; failures are reported in it rather than thrown
   */
  public CopyResult copyFile(Vfs src, VPath from, Vfs dst, VPath to) {
    Instant start = clock.instant();
    try {
      FileAttrs a = requireFile(src, from);
      return copyFile(src, from, a, dst, to, new byte[options.bufferSize()]);
    } catch (IOException | RuntimeException e) {
      return failed(from, to, start, 0, e);
    }
  }

  /**
   * Copies one file to where {@code to} says (see {@link TargetPath#resolve}): into it when it ends
   * in a slash or is a directory, creating the directory if missing; otherwise onto that path,
   * creating missing parents. Applies the overwrite policy.
   *
   * @return the result; failures are reported in it rather than thrown
   */
  public CopyResult copyFile(Vfs src, VPath from, Vfs dst, TargetPath to) {
    Instant start = clock.instant();
    VPath target = to.path();
    try {
      FileAttrs a = requireFile(src, from);
      target = to.resolve(dst, from.name());
      return copyFile(src, from, a, dst, target, new byte[options.bufferSize()]);
    } catch (IOException | RuntimeException e) {
      return failed(from, target, start, 0, e);
    }
  }

  private static FileAttrs requireFile(Vfs src, VPath from) throws IOException {
    FileAttrs a = src.stat(from);
    if (a.isDir()) {
      throw VfsErrors.isDirectory(src.endpoint() + from);
    }
    return a;
  }

  private CopyResult copyFile(
      Vfs src, VPath from, FileAttrs srcAttrs, Vfs dst, VPath to, byte[] buffer) {
    Instant start = clock.instant();
    long bytes = 0;
    try {
      Optional<FileAttrs> existing = dst.find(to);
      if (existing.isPresent()) {
        if (existing.get().isDir()) {
          throw VfsErrors.isDirectory(dst.endpoint() + to);
        }
        if (!overwrites(srcAttrs, existing.get())) {
          return new CopyResult(from, to, CopyResult.Outcome.SKIPPED, 0, elapsed(start), "", "");
        }
      }
      WriteMode mode =
          options.overwrite() == OverwritePolicy.NEVER ? WriteMode.CREATE_NEW : WriteMode.REPLACE;
      MessageDigest sha = sha256();
      try (InputStream in = src.openRead(from, 0);
          Upload up = dst.openWrite(to, new WriteOptions(mode, options.tempRename()))) {
        for (int n = in.readNBytes(buffer, 0, buffer.length);
            n > 0;
            n = in.readNBytes(buffer, 0, buffer.length)) {
          sha.update(buffer, 0, n);
          up.write(ByteBuffer.wrap(buffer, 0, n));
          bytes += n;
        }
        up.commit();
      }
      String hex = HexFormat.of().formatHex(sha.digest());
      LOG.debug("Copied {}{} -> {}{} ({} bytes)", src.endpoint(), from, dst.endpoint(), to, bytes);
      return new CopyResult(from, to, CopyResult.Outcome.COPIED, bytes, elapsed(start), hex, "");
    } catch (IOException | RuntimeException e) {
      return failed(from, to, start, bytes, e);
    }
  }

  private boolean overwrites(FileAttrs src, FileAttrs existing) {
    return switch (options.overwrite()) {
      case NEVER -> false;
      case ALWAYS -> true;
      case IF_SIZE_DIFFERS -> src.size() != existing.size();
      case IF_NEWER -> src.modified().isAfter(existing.modified());
    };
  }

  private CopyResult failed(VPath from, VPath to, Instant start, long bytes, Exception e) {
    LOG.debug("Copy of {} to {} failed", from, to, e);
    return new CopyResult(
        from, to, CopyResult.Outcome.FAILED, bytes, elapsed(start), "", describe(e));
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private Duration elapsed(Instant start) {
    return Duration.between(start, clock.instant());
  }

  private static void checkInterrupted() throws InterruptedIOException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("copy interrupted");
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
