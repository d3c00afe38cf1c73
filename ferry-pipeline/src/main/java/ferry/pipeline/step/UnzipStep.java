package ferry.pipeline.step;

import ferry.pipeline.definition.StepSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Replaces each NAME.zip (any case) by its members, placed in the zip's folder under their names
 * in the archive; other files pass through. A member name that is absolute or climbs out with
 * ".." (zip slip) fails the step, and so does an archive of more than {@code max_entries} entries
 * (default {@value #DEFAULT_MAX_ENTRIES}), or whose members add up to more than {@code max_bytes}
 * (default {@value #DEFAULT_MAX_BYTES}, counted as they are written, whatever the archive claims:
 * a zip bomb must not fill the disk). Members are streamed to disk one at a time.
 */
final class UnzipStep implements StepRunner {
  static final long DEFAULT_MAX_ENTRIES = 100_000;
  static final long DEFAULT_MAX_BYTES = 64L << 30;
  private static final List<String> SUFFIXES = List.of(".zip");

  private final long maxEntries;
  private final long maxBytes;

  UnzipStep(StepSpec spec) {
    this.maxEntries = spec.number("max_entries").orElse(DEFAULT_MAX_ENTRIES);
    this.maxBytes = spec.number("max_bytes").orElse(DEFAULT_MAX_BYTES);
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      if (!StepFiles.endsWith(f.name(), SUFFIXES)) {
        out.add(f);
        continue;
      }
      try (ZipFile zip = new ZipFile(f.path().toFile())) {
        if (zip.size() > maxEntries) {
          throw new StepFailedException(f.name() + " has " + zip.size() + " entries, more than max_entries " + maxEntries, false);
        }
        int before = out.size();
        long left = maxBytes;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
          StepFiles.checkCancelled(ctx);
          ZipEntry entry = e.nextElement();
          if (entry.isDirectory()) continue;
          WorkFile member = extract(ctx, zip, entry, f, left);
          left -= member.size();
          out.add(member);
        }
        ctx.log(f.name() + ": " + (out.size() - before) + " files");
      } catch (ZipException e) {
        throw new StepFailedException(f.name() + " is not a readable zip: " + e.getMessage(), false);
      }
    }
    return out;
  }

  private WorkFile extract(StepContext ctx, ZipFile zip, ZipEntry entry, WorkFile from, long left) throws IOException {
    if (!ferry.pipeline.definition.NameTemplate.safe(entry.getName())) {
      throw new StepFailedException(from.name() + " holds an unsafe member name " + entry.getName() + " (refused)", false);
    }
    String name = StepFiles.dirPrefix(from.name()) + entry.getName();
    try (InputStream src = zip.getInputStream(entry);
        OutputStream dst = StepFiles.create(ctx, name)) {
      StepFiles.copyAtMost(src, dst, left,
          from.name() + "'s members add up to more than max_bytes (" + maxBytes + " bytes)");
    }
    var modified = entry.getLastModifiedTime() != null ? entry.getLastModifiedTime().toInstant() : from.modified();
    var path = StepFiles.outputPath(ctx, name);
    return new WorkFile(path, name, java.nio.file.Files.size(path), modified, from.origin() + "!" + entry.getName());
  }
}
