package ferry.pipeline.run;

import ferry.core.pipeline.PipelineRepository;
import ferry.pipeline.definition.Source;
import ferry.pipeline.step.WorkFile;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The source's side of a run: picks its files (for upload- and poll-triggered runs only those no
 * run of the pipeline picked before), downloads each into the run's work directory, and once the
 * run delivered, keeps, deletes or archives them.
 */
final class Pickup {
  private final PipelineRepository repo;
  private final SourcePicker picker;
  private final Clock clock;

  Pickup(PipelineRepository repo, Clock clock) {
    this.repo = repo;
    this.picker = new SourcePicker(clock);
    this.clock = clock;
  }

  /** Picks and downloads into {@code into}; the files in path order, named relative to the source path. */
  List<WorkFile> fetch(Vfs vfs, Source source, String pipelineId, String runId, boolean onlyUnseen, Path into,
      RunControl control, StepRecord step) throws IOException {
    VPath root = VPath.of(source.location().path());
    List<SourceFile> picked = picker.pick(vfs, source);
    List<WorkFile> out = new ArrayList<>();
    int seen = 0;
    for (SourceFile f : picked) {
      if (control.cancelled() || control.stopping()) throw new Stop(control.cancelled());
      if (onlyUnseen && !repo.markSeen(pipelineId, SourcePicker.seenKey(f), runId, clock.instant())) {
        seen++;
        continue;
      }
      String name = VPath.of(f.path()).relativeTo(root);
      Path local = into.resolve(name).normalize();
      if (!local.startsWith(into)) throw new IOException(f.path() + ": not under " + root);
      Files.createDirectories(local.getParent());
      long size = copy(vfs, VPath.of(f.path()), local);
      out.add(new WorkFile(local, name, size, f.modified(), f.path()));
      step.filesOut++;
      step.bytesOut += size;
    }
    step.log("picked " + out.size() + " files (" + step.bytesOut + " bytes) from " + source.location().describe()
        + (seen > 0 ? "; " + seen + " already picked by earlier runs" : ""));
    return out;
  }

  private static long copy(Vfs vfs, VPath from, Path to) throws IOException {
    byte[] buf = new byte[Delivery.BUFFER];
    long n = 0;
    try (InputStream in = vfs.openRead(from, 0); OutputStream out = Files.newOutputStream(to)) {
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        out.write(buf, 0, r);
        n += r;
      }
    }
    return n;
  }

  /** Deletes or archives the source files of a delivered run; failures are logged, not thrown. */
  void afterSuccess(Vfs vfs, Source source, List<String> sourcePaths, StepRecord step) {
    VPath root = VPath.of(source.location().path());
    int done = 0;
    for (String p : sourcePaths) {
      VPath from = VPath.of(p);
      try {
        if (source.after() == Source.AfterSuccess.DELETE) {
          vfs.remove(from);
        } else {
          VPath to = VPath.of(source.archivePath()).resolve(from.relativeTo(root));
          vfs.mkdirs(to.parentOrRoot());
          vfs.rename(from, to, true);
        }
        done++;
      } catch (IOException | RuntimeException e) {
        step.log(p + ": " + e.getMessage());
        if (step.error == null) step.error = "could not " + verb(source) + " " + p + ": " + e.getMessage();
      }
    }
    step.filesIn = sourcePaths.size();
    step.filesOut = done;
    step.log(verb(source) + "d " + done + " of " + sourcePaths.size() + " source files");
  }

  private static String verb(Source s) {
    return s.after() == Source.AfterSuccess.DELETE ? "delete" : "archive";
  }

  /** Thrown between files when the run is cancelled or its node stops. */
  static final class Stop extends RuntimeException {
    final boolean cancelled;

    Stop(boolean cancelled) {
      super(cancelled ? "cancelled" : "node stopping", null, false, false);
      this.cancelled = cancelled;
    }
  }
}
