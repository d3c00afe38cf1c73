package ferry.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code /api/pipelines} of one server as an admin (the CLI key in X-API-Key): create, start,
 * follow runs. Answers are the envelope's {@code data}; an unexpected status fails with the body.
 */
public final class Pipelines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FINAL = List.of("completed", "failed", "cancelled", "interrupted");

  private final Api api;
  private final String key;

  public Pipelines(Api api, String key) {
    this.api = api;
    this.key = key;
  }

  /** Pipelines of {@code server} as its admin. */
  public static Pipelines of(FerryProcess server) {
    return new Pipelines(server.api(), server.cliKey());
  }

  /** Creates an enabled pipeline; returns its view. */
  public JsonNode create(String identifier, String yaml) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("identifier", identifier);
    body.put("name", identifier);
    body.put("yaml", yaml);
    return data(201, "POST", "/api/pipelines", json(body));
  }

  /** Starts a manual run; returns its id. */
  public String start(String pipelineId) {
    return data(201, "POST", "/api/pipelines/" + pipelineId + "/runs", "{}").path("id").asText();
  }

  /** One run with its steps and delivered files. */
  public JsonNode run(String pipelineId, String runId) {
    return data(200, "GET", "/api/pipelines/" + pipelineId + "/runs/" + runId, null);
  }

  /** The newest runs of a pipeline (up to 100). */
  public JsonNode runs(String pipelineId) {
    return data(200, "GET", "/api/pipelines/" + pipelineId + "/runs?limit=100", null);
  }

  /** Polls a run until it has ended; returns it with steps and files. */
  public JsonNode awaitEnd(String pipelineId, String runId, Duration timeout) {
    return Waits.until("run " + runId + " of pipeline " + pipelineId + " to end", timeout, () -> {
      JsonNode r = run(pipelineId, runId);
      return isFinal(r) ? r : null;
    });
  }

  /** Polls the pipeline's runs until one matches; returns it (list view). */
  public JsonNode awaitRun(String pipelineId, String what, Duration timeout, Predicate<JsonNode> match) {
    return Waits.until(what, timeout, () -> {
      for (JsonNode r : runs(pipelineId)) if (match.test(r)) return r;
      return null;
    });
  }

  public static boolean isFinal(JsonNode run) {
    return FINAL.contains(run.path("status").asText());
  }

  /** A call that must answer {@code status}; returns the envelope's data. */
  public JsonNode data(int status, String method, String path, String body) {
    Api.Response r = api.call(method, path, key, body);
    if (r.status() != status || r.json() == null)
      throw new AssertionError("expected " + status + " from " + method + " " + path + ", got " + r);
    return r.json().path("data");
  }

  /** The steps of a run and their logs, to print when a check fails. */
  public static String describe(JsonNode run) {
    StringBuilder sb = new StringBuilder("run " + run.path("id").asText() + " " + run.path("status").asText()
        + (run.path("error").isNull() ? "" : " (" + run.path("error").asText() + ")"));
    for (JsonNode s : run.path("steps")) {
      sb.append("\n  step ").append(s.path("index").asInt()).append(' ').append(s.path("type").asText()).append(' ')
          .append(s.path("status").asText()).append(" in ").append(s.path("filesIn").asInt()).append(" out ")
          .append(s.path("filesOut").asInt()).append(s.path("error").isNull() ? "" : " error " + s.path("error"));
      JsonNode log = s.path("log");
      if (log.isArray()) for (JsonNode line : log) sb.append("\n    | ").append(line.asText());
      else if (!log.isMissingNode() && !log.isNull()) sb.append("\n    | ").append(log.asText().replace("\n", "\n    | "));
    }
    return sb.toString();
  }

  public static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
