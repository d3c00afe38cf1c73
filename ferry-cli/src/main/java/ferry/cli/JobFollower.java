package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;

/**
 * Follows a job until it ends, polling {@code GET /v1/adm/jobs/{id}?logAfter=N} and streaming the
 * new log lines, as {@code start --wait} and {@code run} do.
 */
final class JobFollower {
  static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(150);
  static final Set<String> ENDED = Set.of("completed", "failed", "cancelled", "interrupted");

  private final FerryClient client;
  private final Duration pollInterval;

  JobFollower(FerryClient client, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
  }

  /**
   * Polls the job until it ends.
   *
   * @param json print the ended job as JSON instead of streaming its log
   * @return 0 when the job completed with exit code 0 (or none), 1 otherwise
   */
  int follow(String jobId, PrintWriter out, PrintWriter err, boolean json) {
    String path = "/v1/adm/jobs/" + FerryClient.segment(jobId);
    long logAfter = 0;
    while (true) {
      JsonNode job = client.get(path + "?logAfter=" + logAfter);
      for (JsonNode line : job.path("log")) {
        long seq = line.path("seq").asLong(0);
        // a server that ignores logAfter resends old lines; print each line once
        if (seq > 0 && seq <= logAfter) {
          continue;
        }
        logAfter = Math.max(logAfter, seq);
        if (!json) {
          out.println(logLine(line));
        }
      }
      out.flush();
      if (ENDED.contains(job.path("status").asText())) {
        return ended(json ? client.get(path) : job, out, err, json);
      }
      pause();
    }
  }

  /** Polls the job, leaving its log out, until it ends; returns the ended job. */
  JsonNode awaitEnd(String jobId) {
    String path = "/v1/adm/jobs/" + FerryClient.segment(jobId) + "?logAfter=" + Long.MAX_VALUE;
    while (true) {
      JsonNode job = client.get(path);
      if (ENDED.contains(job.path("status").asText())) {
        return job;
      }
      pause();
    }
  }

  /** Whether an ended job succeeded: completed, with exit code 0 or none. */
  static boolean succeeded(JsonNode job) {
    JsonNode exitCode = job.path("exitCode");
    return job.path("status").asText().equals("completed")
        && (!exitCode.isNumber() || exitCode.asInt() == 0);
  }

  /**
   * How a job ended: {@code failed with exit code 3: Exit(3) called}, {@code cancelled}. The exit
   * code is the script's only when it ran to its end (completed or failed).
   */
  static String outcome(JsonNode job) {
    String status = job.path("status").asText();
    StringBuilder text = new StringBuilder(status);
    boolean scriptsCode = status.equals("completed") || status.equals("failed");
    if (scriptsCode && job.path("exitCode").isNumber() && !succeeded(job)) {
      text.append(" with exit code ").append(job.path("exitCode").asInt());
    }
    String error = job.path("error").asText("");
    if (job.hasNonNull("error") && !error.equals(status)) {
      text.append(": ").append(error);
    }
    return text.toString();
  }

  /** One log line as {@code time LEVEL message}. */
  static String logLine(JsonNode line) {
    return line.path("time").asText()
        + " "
        + String.format("%-5s", line.path("level").asText())
        + " "
        + line.path("message").asText();
  }

  private static int ended(JsonNode job, PrintWriter out, PrintWriter err, boolean json) {
    boolean ok = succeeded(job);
    if (json) {
      out.println(FerryClient.pretty(job));
    }
    if (!ok) {
      err.println("job " + job.path("id").asText() + " " + outcome(job));
      err.flush();
    }
    out.flush();
    return ok ? 0 : CliException.FAILURE;
  }

  private void pause() {
    try {
      Thread.sleep(pollInterval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted while waiting for the job; it keeps running", e);
    }
  }
}
