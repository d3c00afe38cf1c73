package ferry.pipeline.step;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Decompresses each NAME.gz (any case) into NAME; files of other names pass through. A file that
 * is not gzip, is cut short, or decompresses to more than {@code max_bytes} (default {@value
 * #DEFAULT_MAX_BYTES}: a gzip bomb must not fill the disk) fails the step (not retried: the bytes
 * will not change).
 */
final class GunzipStep implements StepRunner {
  static final long DEFAULT_MAX_BYTES = 64L << 30;
  private static final List<String> SUFFIXES = List.of(".gz");

  private final long maxBytes;

  GunzipStep(ferry.pipeline.definition.StepSpec spec) {
    this.maxBytes = spec.number("max_bytes").orElse(DEFAULT_MAX_BYTES);
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      if (!StepFiles.endsWith(f.name(), SUFFIXES)) {
        out.add(f);
        continue;
      }
      String name = StepFiles.strip(f.name(), 3);
      try (InputStream src = new GZIPInputStream(Files.newInputStream(f.path()), StepFiles.BUFFER);
          OutputStream dst = StepFiles.create(ctx, name)) {
        StepFiles.copyAtMost(src, dst, maxBytes,
            f.name() + " decompresses to more than max_bytes (" + maxBytes + " bytes)");
      } catch (ZipException | java.io.EOFException e) {
        throw new StepFailedException(f.name() + " is not a complete gzip file: " + e.getMessage(), false);
      }
      out.add(StepFiles.output(ctx, name, f));
    }
    return out;
  }
}
