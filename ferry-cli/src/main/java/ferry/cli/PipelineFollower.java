package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Follows a pipeline run until it ends ({@code ferry pipeline run --wait}): polls the run's detail
 * and prints a line each time a step's status changes, then how the run ended.
 */
final class PipelineFollower {
  static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
  static final Set<String> ENDED = Set.of("completed", "failed", "cancelled", "interrupted");

  private final FerryClient client;
  private final Duration pollInterval;

  PipelineFollower(FerryClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  /**
   * Polls {@code runPath} (GET /api/pipelines/{id}/runs/{runId}) until the run ends.
   *
   * @param json print only the ended run's detail, as JSON
   * @return 0 when the run completed, 1 otherwise
   */
  int follow(String runPath, PrintWriter out, PrintWriter err, boolean json) {
    Map<Integer, String> seen = new HashMap<>();
    while (true) {
      JsonNode run = client.get(runPath).path("data");
      for (JsonNode step : run.path("steps")) {
        int index = step.path("index").asInt();
        String status = step.path("status").asText();
        if (!status.equals(seen.put(index, status)) && !json) out.println(stepLine(step));
      }
      out.flush();
      String status = run.path("status").asText();
      if (ENDED.contains(status)) {
        if (json) out.println(FerryClient.pretty(run));
        boolean ok = status.equals("completed");
        if (!json) out.println(summary(run));
        if (!ok) err.println("run " + run.path("id").asText() + " " + status
            + (run.hasNonNull("error") ? ": " + run.path("error").asText() : ""));
        out.flush();
        err.flush();
        return ok ? 0 : CliException.FAILURE;
      }
      pause();
    }
  }

  /** "step 2 zip: completed (3 files in, 1 out, 12345 bytes out, attempt 2)" and the error of a failed one. */
  static String stepLine(JsonNode s) {
    String status = s.path("status").asText();
    StringBuilder line = new StringBuilder("step " + s.path("index").asInt() + " " + s.path("type").asText() + ": "
        + status);
    if (status.equals("completed") || status.equals("failed"))
      line.append(" (").append(s.path("filesIn").asInt()).append(" files in, ").append(s.path("filesOut").asInt())
          .append(" out, ").append(s.path("bytesOut").asLong()).append(" bytes out")
          .append(s.path("attempts").asInt() > 1 ? ", attempt " + s.path("attempts").asInt() : "").append(")");
    if (s.hasNonNull("error")) line.append(": ").append(s.path("error").asText());
    return line.toString();
  }

  static String summary(JsonNode run) {
    return "run " + run.path("id").asText() + " " + run.path("status").asText() + ": " + run.path("files").asInt()
        + " files, " + run.path("bytesIn").asLong() + " bytes in, " + run.path("bytesOut").asLong() + " bytes out";
  }

  private void pause() {
    try {
      Thread.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the run; it goes on", e);
    }
  }
}
