package ferry.pipeline.step;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Compresses each file into NAME.gz (gzip's default level, as the gzip tool writes). */
final class GzipStep implements StepRunner {
  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      String name = f.name() + ".gz";
      try (InputStream src = Files.newInputStream(f.path());
          OutputStream dst = new GZIPOutputStream(StepFiles.create(ctx, name), StepFiles.BUFFER)) {
        StepFiles.copy(src, dst);
      }
      out.add(StepFiles.output(ctx, name, f));
    }
    return out;
  }
}
