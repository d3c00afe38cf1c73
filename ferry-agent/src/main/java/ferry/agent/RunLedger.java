package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs in progress, one file each in {@code <data-dir>/inflight}, so that a run cut short by a
 * crash or SIGKILL of the agent is closed at the next start: its open transfer and the run are
 * reported failed (the next firing moves the file again, from scratch) and its part file removed.
 */
final class RunLedger {
  private static final Logger log = LoggerFactory.getLogger(RunLedger.class);

  /** What is known of one run; {@code openTransfer} and {@code openPart} are null between files. */
  record Entry(String jobId, String runId, long bytes, int files, List<String> transferIds, String openTransfer, String openPart) {
    Entry {
      transferIds = List.copyOf(transferIds);
    }

    Entry withOpen(String transferId, String part) {
      List<String> ids = new ArrayList<>(transferIds);
      if (transferId != null && !ids.contains(transferId)) ids.add(transferId);
      return new Entry(jobId, runId, bytes, files, ids, transferId, part);
    }

    Entry withDone(long moved) {
      return new Entry(jobId, runId, bytes + moved, files + 1, transferIds, null, null);
    }

    Entry withClosed() {
      return new Entry(jobId, runId, bytes, files, transferIds, null, null);
    }
  }

  private final Path dir;

  RunLedger(Path dir) throws IOException {
    this.dir = dir;
    PrivateFiles.ensureDir(dir);
  }

  void save(Entry e) throws IOException {
    ObjectNode n = Json.object().put("jobId", e.jobId()).put("runId", e.runId()).put("bytes", e.bytes()).put("files", e.files())
        .put("openTransfer", e.openTransfer()).put("openPart", e.openPart());
    e.transferIds().forEach(n.putArray("transferIds")::add);
    PrivateFiles.write(dir.resolve(e.runId() + ".json"), Json.MAPPER.writeValueAsBytes(n));
  }

  void remove(String runId) throws IOException {
    Files.deleteIfExists(dir.resolve(runId + ".json"));
  }

  /** Reports every run left open by a previous process as failed, and forgets it. */
  void recover(Reports reports) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode n = Json.MAPPER.readTree(f.toFile());
      String open = Json.text(n, "openTransfer");
      String part = Json.text(n, "openPart");
      if (open != null) reports.transferFailed(open, "the agent stopped during the transfer; the next run moves the file again");
      if (part != null) Files.deleteIfExists(Path.of(part));
      List<String> ids = new ArrayList<>();
      n.path("transferIds").forEach(t -> ids.add(t.asText()));
      reports.runFinished(Json.text(n, "jobId"), Json.text(n, "runId"), "the agent stopped during the run",
          n.path("bytes").asLong(), n.path("files").asInt(), ids);
      Files.delete(f);
      log.warn("run {} of job {} was cut short by the agent's stop; reported failed", Json.text(n, "runId"), Json.text(n, "jobId"));
    }
  }
}
