package ferry.agent;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one firing of a job: records the run, reads the job's VFS Library entry, moves each
 * file as one reported transfer, then closes the run with its bytes, files and transfer ids. Every
 * report goes through the {@link Outbox} with ids made here, so the run needs the server only for
 * its endpoint (and keeps the last one it got for when the server is away).
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final ServerApi api;
  private final Reports reports;
  private final RunLedger ledger;
  private final VfsProviders providers;
  private final FileTransfer transfer;
  private final Backoff backoff;
  static final String SHUTTING_DOWN = "interrupted: the agent was stopped before the transfer ended";

  private final Map<String, Endpoint> lastEndpoints = new ConcurrentHashMap<>();

  JobRunner(ServerApi api, Reports reports, RunLedger ledger, VfsProviders providers, FileTransfer transfer, Backoff backoff) {
    this.api = api;
    this.reports = reports;
    this.ledger = ledger;
    this.providers = providers;
    this.transfer = transfer;
    this.backoff = backoff;
  }

  /** One source file and where it goes. */
  private record Item(VPath remote, Path local, long size) {}

  /** Runs the job once; failures end in the run's report, never here. */
  void run(JobSpec job, Instant scheduledAt) throws IOException {
    String runId = UUID.randomUUID().toString();
    reports.runStarted(job.id(), runId, scheduledAt);
    RunLedger.Entry e = new RunLedger.Entry(job.id(), runId, 0, 0, List.of(), null, null);
    ledger.save(e);
    log.info("job {} ({}): run {} started", job.name(), job.id(), runId);
    String error = null;
    // a stop interrupts the run; the flag is cleared at once, since the reports that close the
    // run are written through interruptible channels, and set again at the end
    boolean stopping = false;
    try {
      Endpoint ep = endpoint(job);
      VPath remote = remotePath(job.remote());
      try (Vfs vfs = providers.open(ep.type(), ep.settings())) {
        for (Item item : job.pull() ? pullItems(vfs, remote, Path.of(job.local())) : pushItems(vfs, remote, Path.of(job.local()))) {
          if (stopping || Thread.interrupted()) {
            stopping = true;
            error = first(error, SHUTTING_DOWN);
            break;
          }
          String tid = UUID.randomUUID().toString();
          e = e.withOpen(tid, job.pull() ? FileTransfer.partOf(item.local()).toAbsolutePath().toString() : null);
          ledger.save(e);
          try {
            FileTransfer.Result r = one(job, runId, tid, ep, vfs, item);
            e = e.withDone(r.bytes());
          } catch (IOException | RuntimeException | InterruptedException ex) {
            stopping |= Thread.interrupted() || ex instanceof InterruptedIOException || ex instanceof InterruptedException;
            String why = stopping ? SHUTTING_DOWN : message(ex);
            reports.transferFailed(tid, why);
            e = e.withClosed();
            error = first(error, why);
          }
          ledger.save(e);
        }
      }
    } catch (InterruptedException ex) {
      stopping = true;
      error = first(error, SHUTTING_DOWN);
    } catch (IOException | RuntimeException ex) {
      stopping |= Thread.interrupted();
      error = first(error, stopping ? SHUTTING_DOWN : message(ex));
    }
    stopping |= Thread.interrupted();
    reports.runFinished(job.id(), runId, error, e.bytes(), e.files(), e.transferIds());
    ledger.remove(runId);
    log.info("job {} ({}): run {} {}: {} files, {} bytes{}", job.name(), job.id(), runId, error == null ? "completed" : "failed",
        e.files(), e.bytes(), error == null ? "" : ": " + error);
    if (stopping) Thread.currentThread().interrupt();
  }

  private FileTransfer.Result one(JobSpec job, String runId, String tid, Endpoint ep, Vfs vfs, Item item)
      throws IOException, InterruptedException {
    String remoteUrl = ep.urlBase() + item.remote();
    String localPath = item.local().toAbsolutePath().toString();
    reports.transferCreated(tid, job.pull() ? remoteUrl : item.local().toAbsolutePath().toUri().toString(),
        job.pull() ? localPath : remoteUrl, job.pull() ? "pull" : "push", ep.type(), item.size(), job.id(), runId);
    reports.transferProgress(tid, 0, 0, 0);
    long start = System.nanoTime();
    ProgressGate gate = new ProgressGate(item.size(), start);
    long[] reported = {0}; // bytesTransferred never goes down, even when a push restarts from scratch
    FileTransfer.Progress progress = bytes -> {
      reported[0] = Math.max(reported[0], bytes);
      long now = System.nanoTime();
      if (gate.due(reported[0], now)) reports.transferProgress(tid, gate.percent(reported[0]), reported[0], speed(reported[0], now - start));
    };
    FileTransfer.Result r = job.pull()
        ? transfer.pull(vfs, item.remote(), item.local(), progress)
        : transfer.push(item.local(), vfs, item.remote(), progress);
    long bytes = Math.max(r.bytes(), reported[0]);
    reports.transferCompleted(tid, bytes, speed(bytes, System.nanoTime() - start), r.sha256());
    return r;
  }

  /** The files a pull moves: the remote file, or the files of the remote directory. */
  private static List<Item> pullItems(Vfs vfs, VPath remote, Path local) throws IOException {
    FileAttrs a = vfs.stat(remote);
    if (!a.isDir()) {
      Path target = Files.isDirectory(local) || local.toString().endsWith("/") ? local.resolve(remote.name()) : local;
      return List.of(new Item(remote, target, a.size()));
    }
    List<Item> items = new ArrayList<>();
    try (DirLister l = vfs.list(remote)) {
      for (List<FileAttrs> batch; !(batch = l.next(500)).isEmpty(); )
        for (FileAttrs f : batch)
          if (!f.isDir() && !f.name().endsWith(FileTransfer.PART_SUFFIX)) items.add(new Item(remote.child(f.name()), local.resolve(f.name()), f.size()));
    }
    return items;
  }

  /** The files a push moves: the local file, or the files of the local directory. */
  private static List<Item> pushItems(Vfs vfs, VPath remote, Path local) throws IOException {
    if (!Files.isDirectory(local)) {
      boolean intoDir = vfs.find(remote).map(FileAttrs::isDir).orElse(false);
      return List.of(new Item(intoDir ? remote.child(local.getFileName().toString()) : remote, local, Files.size(local)));
    }
    try (Stream<Path> s = Files.list(local)) {
      List<Item> items = new ArrayList<>();
      for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList())
        items.add(new Item(remote.child(p.getFileName().toString()), p, Files.size(p)));
      return items;
    }
  }

  /** The job's VFS Library entry, asked again a few times while the server is away, else the last one seen. */
  private Endpoint endpoint(JobSpec job) throws IOException, InterruptedException {
    String path = "/api/jobs/" + job.id() + "/endpoint";
    String why = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      if (attempt > 0) Thread.sleep(backoff.delay(attempt).toMillis());
      ApiResult r;
      try {
        r = api.get(path);
      } catch (IOException e) {
        why = e.toString();
        continue;
      }
      if (r.ok() && r.data() != null) {
        Endpoint ep = Endpoint.of(r.data());
        lastEndpoints.put(job.id(), ep);
        return ep;
      }
      if (!r.transientFailure()) throw new IOException("GET " + path + ": " + r.describe());
      why = r.describe();
    }
    Endpoint cached = lastEndpoints.get(job.id());
    if (cached == null) throw new IOException("GET " + path + ": " + why);
    log.warn("job {}: endpoint not readable now ({}); using the one read last", job.id(), why);
    return cached;
  }

  /** The path part of {@code folder-name:/path}. */
  static VPath remotePath(String spec) {
    int colon = spec == null ? -1 : spec.indexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("the remote side must read folder-name:/path, got " + spec);
    return VPath.of(spec.substring(colon + 1));
  }

  private static long speed(long bytes, long nanos) {
    return nanos <= 0 ? 0 : (long) (bytes / (nanos / 1e9));
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }
}
