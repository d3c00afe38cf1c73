package ferry.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** The reports of runs and transfers, as the contract spells them, put on the {@link Outbox}. */
final class Reports {
  private final Outbox outbox;

  Reports(Outbox outbox) {
    this.outbox = outbox;
  }

  void runStarted(String jobId, String runId, Instant scheduledAt) throws IOException {
    ObjectNode b = Json.object().put("id", runId);
    if (scheduledAt != null) b.put("scheduledAt", scheduledAt.toString());
    outbox.enqueue("POST", "/api/jobs/" + jobId + "/runs", b);
  }

  void runFinished(String jobId, String runId, String error, long bytes, int files, List<String> transferIds) throws IOException {
    ObjectNode b = Json.object().put("status", error == null ? "completed" : "failed").put("bytes", bytes).put("files", files);
    if (error != null) b.put("error", error);
    ArrayNode ids = b.putArray("transferIds");
    transferIds.forEach(ids::add);
    outbox.enqueue("PATCH", "/api/jobs/" + jobId + "/runs/" + runId, b);
  }

  /** {@code size} negative when unknown. */
  void transferCreated(String id, String sourceUrl, String destinationPath, String direction, String protocol, long size,
      String jobId, String runId) throws IOException {
    ObjectNode b = Json.object().put("id", id).put("sourceUrl", sourceUrl).put("destinationPath", destinationPath)
        .put("direction", direction).put("protocol", protocol);
    if (size >= 0) b.put("size", size);
    if (jobId != null) b.put("jobId", jobId);
    if (runId != null) b.put("runId", runId);
    outbox.enqueue("POST", "/api/transfers", b);
  }

  void transferProgress(String id, int progress, long bytes, long speed) throws IOException {
    outbox.enqueue("PATCH", "/api/transfers/" + id,
        Json.object().put("status", "running").put("progress", progress).put("bytesTransferred", bytes).put("speed", speed));
  }

  void transferCompleted(String id, long bytes, long speed, String sha256) throws IOException {
    outbox.enqueue("PATCH", "/api/transfers/" + id, Json.object().put("status", "completed").put("progress", 100)
        .put("bytesTransferred", bytes).put("speed", speed).put("sha256", sha256));
  }

  void transferFailed(String id, String error) throws IOException {
    outbox.enqueue("PATCH", "/api/transfers/" + id, Json.object().put("status", "failed").put("error", error));
  }
}
