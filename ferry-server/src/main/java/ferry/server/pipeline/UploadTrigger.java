package ferry.server.pipeline;

import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRepository;
import ferry.core.transfer.TransferRecord;
import ferry.pipeline.definition.Trigger;
import ferry.vfs.VPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts upload-triggered runs from the transfer records of this node: an upload over SFTP, SCP
 * or HTTP by the trigger's user under its path opens a batch; once no such upload has ended for
 * {@code quiet}, the batch becomes one run. An upload lands on one node, so that node fires; when
 * uploads of one batch land on several nodes, each fires its own run, and "already seen" makes
 * sure each file is picked by one of them. A batch still quiet when its node stops is lost, but
 * its files are not: the next upload's run picks them too.
 */
final class UploadTrigger implements Consumer<TransferRecord>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UploadTrigger.class);
  static final Set<String> PROTOCOLS = Set.of("SFTP", "SCP", "HTTP");
  /** How long the list of upload-triggered pipelines is trusted before it is read again. */
  static final Duration REFRESH = Duration.ofSeconds(10);

  private record Watch(String pipelineId, String user, VPath path, Duration quiet) {}

  private record Batch(Instant firstAt, ScheduledFuture<?> fire) {}

  private final PipelineRepository repo;
  private final ServerPipelineRuns runs;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private final Map<String, Batch> batches = new ConcurrentHashMap<>();
  private volatile List<Watch> watches = List.of();
  private volatile Instant readAt = Instant.EPOCH;

  UploadTrigger(PipelineRepository repo, ServerPipelineRuns runs, ScheduledExecutorService executor, Clock clock) {
    this.repo = repo;
    this.runs = runs;
    this.executor = executor;
    this.clock = clock;
  }

  /** Told of every transfer record this node stores; does its work off the caller's thread. */
  @Override
  public void accept(TransferRecord r) {
    if (!r.ok() || !TransferRecord.UPLOAD.equals(r.direction()) || r.username() == null || r.path() == null
        || !PROTOCOLS.contains(r.protocol())) return;
    try {
      executor.execute(() -> seen(r));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopping: uploads ending now are picked by the next run
    }
  }

  /** The upload-triggered pipelines changed: read them again at the next upload. */
  void changed() {
    readAt = Instant.EPOCH;
  }

  private void seen(TransferRecord r) {
    try {
      VPath path = VPath.of(r.path());
      for (Watch w : watches()) {
        if (!w.user().equals(r.username()) || !path.startsWith(w.path())) continue;
        batches.compute(w.pipelineId(), (id, b) -> {
          if (b != null) b.fire().cancel(false);
          Instant first = b == null ? r.finishedAt() : b.firstAt();
          return new Batch(first, executor.schedule(() -> fire(id), w.quiet().toMillis(), TimeUnit.MILLISECONDS));
        });
      }
    } catch (RuntimeException e) {
      log.error("upload trigger: could not handle the upload of {}", r.path(), e);
    }
  }

  private void fire(String pipelineId) {
    Batch b = batches.remove(pipelineId);
    if (b == null) return;
    try {
      repo.find(pipelineId).filter(Pipeline::enabled).ifPresent(p ->
          runs.startTriggered(p, "upload", "upload:" + b.firstAt(), ServerPipelineRuns.SYSTEM));
    } catch (RuntimeException e) {
      log.error("upload trigger: could not start a run of pipeline {}", pipelineId, e);
    }
  }

  private List<Watch> watches() {
    Instant now = clock.instant();
    if (now.isBefore(readAt.plus(REFRESH))) return watches;
    List<Watch> read = new ArrayList<>();
    for (Pipeline p : repo.enabledWithTrigger(Trigger.Type.UPLOAD.wire())) {
      try {
        Trigger t = StoredYaml.parse(p.yaml()).trigger();
        if (t.type() == Trigger.Type.UPLOAD && t.user() != null)
          read.add(new Watch(p.id(), t.user(), VPath.of(t.path() == null ? "/" : t.path()), t.quiet()));
      } catch (RuntimeException e) {
        log.warn("pipeline {}: its upload trigger is not watched: {}", p.identifier(), e.getMessage());
      }
    }
    watches = List.copyOf(read);
    readAt = now;
    return watches;
  }

  @Override
  public void close() {
    batches.values().forEach(b -> b.fire().cancel(false));
    batches.clear();
  }
}
