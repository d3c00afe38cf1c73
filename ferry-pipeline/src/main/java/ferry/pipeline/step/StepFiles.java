package ferry.pipeline.step;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

/**
 * What the step runners share: where an output goes, how bytes are copied (one bounded buffer),
 * and the parts of a relative name.
 */
public final class StepFiles {
  /** The copy buffer: large enough for disk and cipher throughput, small enough for many runs at once. */
  public static final int BUFFER = 64 * 1024;

  private StepFiles() {}

  /**
   * Opens a new output file under the step's output directory at relative {@code name}. Never
   * overwrites: two outputs of one name fail the step (a rename template without {counter}, two
   * zips with the same member).
   */
  public static OutputStream create(StepContext ctx, String name) throws IOException {
    Path target = outputPath(ctx, name);
    try {
      Files.createDirectories(target.getParent());
      return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new StepFailedException("two files would be named " + name, false);
    }
  }

  /** Where {@link #create} puts {@code name}; refuses a name that would leave the output directory. */
  public static Path outputPath(StepContext ctx, String name) throws StepFailedException {
    Path dir = ctx.outputDir().toAbsolutePath().normalize();
    Path target = dir.resolve(name).normalize();
    if (!target.startsWith(dir) || target.equals(dir)) {
      throw new StepFailedException("not a relative file name: " + name, false);
    }
    return target;
  }

  /** The work file for an output written by {@link #create}, carrying the time and origin of {@code from}. */
  public static WorkFile output(StepContext ctx, String name, WorkFile from) throws IOException {
    Path path = outputPath(ctx, name);
    return new WorkFile(path, name, Files.size(path), from.modified(), from.origin());
  }

  /** Copies all of {@code in} to {@code out} through one buffer; returns the bytes copied. */
  public static long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
      total += n;
    }
    return total;
  }

  /**
   * Copies {@code in} to {@code out} as {@link #copy} does, but at most {@code limit} bytes: a
   * decompressed stream past it (a zip or gzip bomb) fails the step with {@code refusal}.
   */
  public static long copyAtMost(InputStream in, OutputStream out, long limit, String refusal) throws IOException {
    byte[] buf = new byte[BUFFER];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      if (total > limit)
        throw new StepFailedException(refusal, false);
      out.write(buf, 0, n);
    }
    return total;
  }

  /** Stops a long step between files once the run is cancelled. */
  public static void checkCancelled(StepContext ctx) {
    if (ctx.cancelled()) throw new CancellationException("run cancelled");
  }

  /** {@code template} expanded for a file named {@code fileName} in this run; a refusal fails the step. */
  public static String expand(ferry.pipeline.definition.NameTemplate template, String fileName, StepContext ctx)
      throws StepFailedException {
    try {
      return template.expand(fileName, ctx.runStartedAt(), ctx.clock().getZone(), ctx::nextCounter, ctx.runId());
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(e.getMessage(), false);
    }
  }

  /** "b.csv" of "a/b.csv". */
  public static String baseName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** "a/" of "a/b.csv", "" of "b.csv". */
  public static String dirPrefix(String name) {
    return name.substring(0, name.lastIndexOf('/') + 1);
  }

  /** Whether {@code name} ends with one of {@code suffixes}, ignoring case. */
  public static boolean endsWith(String name, List<String> suffixes) {
    String lower = name.toLowerCase(Locale.ROOT);
    return suffixes.stream().anyMatch(s -> lower.endsWith(s) && lower.length() > s.length());
  }

  /** {@code name} without its last {@code suffix.length()} characters. */
  public static String strip(String name, int suffixLength) {
    return name.substring(0, name.length() - suffixLength);
  }

  /** Lower-case hex, as checksum manifests and webhook summaries write digests. */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
