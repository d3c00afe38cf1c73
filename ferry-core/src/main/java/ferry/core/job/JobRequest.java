package ferry.core.job;

import java.util.Map;

/** A request to start a job: exactly one of scriptName, scriptId, filePath is non-null. */
public record JobRequest(
    String scriptName, String scriptId, String filePath, Map<String, String> params, JobTrigger trigger) {
  public JobRequest {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
