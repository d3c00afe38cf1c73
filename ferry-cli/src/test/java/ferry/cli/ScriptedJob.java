package ferry.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job on the fake server that advances one step per {@code GET}: each step adds log lines, and
 * the last one ends the job. It honours {@code ?logAfter=N} as the API does.
 */
final class ScriptedJob implements FakeFerry.Handler {
  private final String id;
  private final List<List<String>> steps;
  private final String endStatus;
  private final Integer exitCode;
  private final String error;
  private final AtomicInteger polls = new AtomicInteger();

  ScriptedJob(
      String id, List<List<String>> steps, String endStatus, Integer exitCode, String error) {
    this.id = id;
    this.steps = steps;
    this.endStatus = endStatus;
    this.exitCode = exitCode;
    this.error = error;
  }

  static String path(String id) {
    return "/v1/adm/jobs/" + id;
  }

  /** The job as {@code POST /v1/jobs} answers it: queued, no log. */
  String created() {
    return job("queued", 0, 0).toString();
  }

  @Override
  public FakeFerry.Reply handle(FakeFerry.Request request) {
    int step = Math.min(polls.incrementAndGet(), steps.size());
    long logAfter = 0;
    if (request.query() != null && request.query().startsWith("logAfter=")) {
      logAfter = Long.parseLong(request.query().substring("logAfter=".length()));
    }
    String status = step == steps.size() ? endStatus : "running";
    return new FakeFerry.Reply(200, job(status, step, logAfter).toString());
  }

  private ObjectNode job(String status, int step, long logAfter) {
    ObjectNode job =
        FerryClient.JSON
            .createObjectNode()
            .put("id", id)
            .put("jobType", "SCRIPT")
            .put("scriptName", "My Backup Job")
            .put("status", status)
            .put("trigger", "api")
            .put("createdAt", "2026-11-28T10:00:00.123Z");
    boolean ended = JobFollower.ENDED.contains(status);
    job.put("exitCode", ended ? exitCode : null);
    job.put("error", ended ? error : null);
    ArrayNode log = job.putArray("log");
    int seq = 0;
    for (List<String> lines : steps.subList(0, step)) {
      for (String message : lines) {
        seq++;
        if (seq > logAfter) {
          log.addObject()
              .put("seq", seq)
              .put("time", "2026-11-28T10:00:0" + seq + ".000Z")
              .put("level", message.startsWith("!") ? "ERROR" : "INFO")
              .put("message", message.replaceFirst("^!", ""));
        }
      }
    }
    return job;
  }
}
