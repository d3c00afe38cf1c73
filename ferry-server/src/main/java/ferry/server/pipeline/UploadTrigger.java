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
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts upload-triggered runs from the transfer records of this node: an upload over SFTP, SCP
 * or HTTP by the trigger's user under its path moves the pipeline's batch to fire {@code quiet}
 * from now ({@link PipelineTasks#uploadSeen}); the batch, kept by db-scheduler in the database,
 * becomes one run once no upload has moved it for that long, whichever nodes saw the uploads and
 * whichever node is alive then.
 */
final class UploadTrigger implements Consumer<TransferRecord> {
  private static final Logger log = LoggerFactory.getLogger(UploadTrigger.class);
  static final Set<String> PROTOCOLS = Set.of("SFTP", "SCP", "HTTP");
  /** How long the list of upload-triggered pipelines is trusted before it is read again. */
  static final Duration REFRESH = Duration.ofSeconds(10);

  private record Watch(String pipelineId, String user, VPath path, Duration quiet) {}

  private final PipelineRepository repo;
  private final PipelineTasks tasks;
  private final Executor executor;
  private final Clock clock;
  private volatile List<Watch> watches = List.of();
  private volatile Instant readAt = Instant.EPOCH;

  UploadTrigger(PipelineRepository repo, PipelineTasks tasks, Executor executor, Clock clock) {
    this.repo = repo;
    this.tasks = tasks;
    this.executor = executor;
    this.clock = clock;
  }

  /** What starts a batch's run when it fires: one run per batch (its planned time is the trigger key). */
  static PipelineTasks.UploadHandler firing(PipelineRepository repo, ServerPipelineRuns runs) {
    return (pipelineId, at) -> repo.find(pipelineId).filter(Pipeline::enabled)
        .ifPresent(p -> runs.startTriggered(p, "upload", "upload:" + at, ServerPipelineRuns.SYSTEM));
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
        if (w.user().equals(r.username()) && path.startsWith(w.path()))
          tasks.uploadSeen(w.pipelineId(), clock.instant().plus(w.quiet()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopping: the next upload's run picks this one's file
    } catch (RuntimeException e) {
      log.error("upload trigger: could not handle the upload of {}", r.path(), e);
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
}
