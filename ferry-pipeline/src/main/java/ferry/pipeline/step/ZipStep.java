package ferry.pipeline.step;

import ferry.pipeline.definition.NameTemplate;
import ferry.pipeline.definition.StepSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Puts all files into one zip archive named by {@code name} (a {@link NameTemplate}, default
 * "{run_id}.zip"; file placeholders refer to the first file). Members keep their relative names
 * and modification times; the archive is written as a stream (Zip64 when it needs to be).
 */
final class ZipStep implements StepRunner {
  static final String DEFAULT_NAME = "{run_id}.zip";

  private final NameTemplate name;

  ZipStep(StepSpec spec) {
    this.name = NameTemplate.parse(spec.string("name").orElse(DEFAULT_NAME));
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    if (in.isEmpty()) {
      ctx.log("no files to zip");
      return List.of();
    }
    WorkFile first = in.get(0);
    String zipName = StepFiles.expand(name, StepFiles.baseName(first.name()), ctx);
    byte[] buf = new byte[StepFiles.BUFFER];
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(StepFiles.create(ctx, zipName), StepFiles.BUFFER))) {
      for (WorkFile f : in) {
        StepFiles.checkCancelled(ctx);
        ZipEntry entry = new ZipEntry(f.name());
        if (f.modified() != null) entry.setLastModifiedTime(FileTime.from(f.modified()));
        zip.putNextEntry(entry);
        try (InputStream src = Files.newInputStream(f.path())) {
          for (int n; (n = src.read(buf)) >= 0; ) zip.write(buf, 0, n);
        }
        zip.closeEntry();
      }
    }
    ctx.log("zipped " + in.size() + " files into " + zipName);
    var path = StepFiles.outputPath(ctx, zipName);
    return List.of(new WorkFile(path, zipName, Files.size(path), ctx.runStartedAt(), first.origin()));
  }
}
