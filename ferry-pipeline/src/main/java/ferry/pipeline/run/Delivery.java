package ferry.pipeline.run;

import ferry.core.pipeline.RunFile;
import ferry.core.transfer.TransferRecord;
import ferry.pipeline.definition.Destination;
import ferry.pipeline.definition.Destination.Overwrite;
import ferry.pipeline.definition.Location;
import ferry.pipeline.step.WorkFile;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteMode;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Writes one file of a run to one destination: under {@code NAME.ferry-<runId>.part} first (unless
 * the destination turned temp_rename off), checks that the size landed, then renames it to its
 * name as the overwrite policy says. The temporary file is removed whatever goes wrong, so the real
 * name only ever holds a whole file.
 */
final class Delivery {
  static final int BUFFER = 64 * 1024;
  static final String COMPLETED = "completed";
  static final String SKIPPED = "skipped";
  static final String FAILED = "failed";

  /** A file the destination refused by its policy (overwrite: fail); the run fails with it. */
  static final class Refused extends IOException {
    Refused(String message) {
      super(message);
    }
  }

  private final Clock clock;

  Delivery(Clock clock) {
    this.clock = clock;
  }

  /** The name a run's file is written under before it is renamed. */
  static String partName(String name, String runId) {
    return name + ".ferry-" + runId + ".part";
  }

  /** A delivered file's place as RunFile.destination names it: "vfs:s3-out:/inbound/a.csv". */
  static String where(Destination dst, VPath target) {
    Location l = dst.location();
    return (l.vfs() != null ? "vfs:" + l.vfs() : "user:" + l.user()) + ":" + target;
  }

  /** Where {@code name} lands at {@code dst}, as {@link #where} names it. */
  static String where(Destination dst, String name) {
    return where(dst, VPath.of(dst.location().path()).resolve(name));
  }

  /** How records and transfer lists name a location's storage: the entry, or "user:NAME". */
  static String label(Location l) {
    return l.vfs() != null ? l.vfs() : "user:" + l.user();
  }

  /**
   * Delivers {@code f} into {@code dst}'s directory.
   *
   * @return the file as delivered (status completed or skipped), or thrown: {@link Refused} for
   *     overwrite: fail, an IOException when writing failed (nothing left under either name)
   */
  RunFile deliver(Vfs vfs, Destination dst, WorkFile f, String runId, String sourceLabel,
      java.util.function.Consumer<TransferRecord> transfers, String transferJobId) throws IOException {
    VPath dir = VPath.of(dst.location().path());
    VPath target = dir.resolve(f.name());
    if (!target.startsWith(dir) || target.equals(dir)) throw new IOException(f.name() + ": not a name inside " + dir);
    String where = dst.location().describe();
    vfs.mkdirs(target.parentOrRoot());
    Optional<FileAttrs> existing = vfs.find(target);
    if (existing.isPresent()) {
      if (existing.get().isDir()) throw new Refused(target + " is a directory at " + where);
      if (dst.overwrite() == Overwrite.SKIP)
        return new RunFile(runId, f.origin(), where(dst, target), 0, null, SKIPPED, null, "exists; overwrite: skip");
      if (dst.overwrite() == Overwrite.FAIL) throw new Refused(target + " already exists at " + where + " (overwrite: fail)");
    }
    Instant start = clock.instant();
    String sha = null;
    String error = null;
    try {
      sha = dst.tempRename() ? writeThenRename(vfs, dst, f, target, runId) : writeDirect(vfs, dst, f, target);
      return new RunFile(runId, f.origin(), where(dst, target), f.size(), sha, COMPLETED, transferJobId, null);
    } catch (IOException | RuntimeException e) {
      error = RunExecution.cut(RunExecution.describe(e));
      throw e;
    } finally {
      transfers.accept(TransferRecord.job(transferJobId, sourceLabel, f.origin() == null ? f.name() : f.origin(),
          label(dst.location()), target.toString(), error == null ? f.size() : 0, Duration.between(start, clock.instant()),
          sha, error == null, error, clock.instant()));
    }
  }

  private String writeThenRename(Vfs vfs, Destination dst, WorkFile f, VPath target, String runId) throws IOException {
    VPath part = target.parentOrRoot().child(partName(target.name(), runId));
    boolean renamed = false;
    try {
      String sha = write(vfs, part, f, new WriteOptions(WriteMode.REPLACE, false));
      long landed = vfs.stat(part).size();
      if (landed != f.size())
        throw new IOException(part + ": " + landed + " bytes landed of " + f.size() + " at " + dst.location().describe());
      try {
        vfs.rename(part, target, dst.overwrite() == Overwrite.REPLACE);
      } catch (FileAlreadyExistsException e) {
        throw new Refused(target + " appeared at " + dst.location().describe() + " meanwhile (overwrite: "
            + dst.overwrite().name().toLowerCase(java.util.Locale.ROOT) + ")");
      }
      renamed = true;
      return sha;
    } finally {
      if (!renamed) removeQuietly(vfs, part);
    }
  }

  private String writeDirect(Vfs vfs, Destination dst, WorkFile f, VPath target) throws IOException {
    WriteMode mode = dst.overwrite() == Overwrite.REPLACE ? WriteMode.REPLACE : WriteMode.CREATE_NEW;
    String sha = write(vfs, target, f, new WriteOptions(mode, false));
    long landed = vfs.stat(target).size();
    if (landed != f.size()) {
      removeQuietly(vfs, target);
      throw new IOException(target + ": " + landed + " bytes landed of " + f.size());
    }
    return sha;
  }

  /** Streams the work file to {@code to}; returns the SHA-256 of what was sent. */
  private static String write(Vfs vfs, VPath to, WorkFile f, WriteOptions options) throws IOException {
    MessageDigest sha = sha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(f.path()); Upload up = vfs.openWrite(to, options)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        if (Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException("delivery interrupted");
        sha.update(buf, 0, n);
        up.write(ByteBuffer.wrap(buf, 0, n));
      }
      up.commit();
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static void removeQuietly(Vfs vfs, VPath p) {
    try {
      vfs.remove(p);
    } catch (IOException | RuntimeException e) {
      // not there (never written) or the storage is gone: a sweep of the run's parts finds it later
    }
  }

  /** Removes the run's temporary files under {@code dir} (a run that was killed while delivering). */
  static int sweepParts(Vfs vfs, VPath dir, String runId) throws IOException {
    String suffix = ".ferry-" + runId + ".part";
    int removed = 0;
    Deque<VPath> dirs = new ArrayDeque<>(List.of(dir));
    while (!dirs.isEmpty()) {
      VPath d = dirs.pop();
      if (vfs.find(d).filter(FileAttrs::isDir).isEmpty()) continue;
      try (DirLister l = vfs.list(d)) {
        for (List<FileAttrs> b = l.next(SourcePicker.LIST_BATCH); !b.isEmpty(); b = l.next(SourcePicker.LIST_BATCH)) {
          for (FileAttrs a : b) {
            if (a.isDir()) dirs.push(d.child(a.name()));
            else if (a.name().endsWith(suffix)) {
              removeQuietly(vfs, d.child(a.name()));
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
