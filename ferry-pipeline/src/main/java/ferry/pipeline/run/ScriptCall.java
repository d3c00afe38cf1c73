package ferry.pipeline.run;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A script step's call of a stored script: it runs on the node that runs the step (its files are
 * in this node's work directory), may use {@code workDir} as a local directory, reads only the
 * secrets the pipeline's owner may use, and logs into the step's log.
 *
 * @param customer the pipeline's owning customer; null for an admin pipeline
 */
public record ScriptCall(String runId, String customer, String name, Map<String, String> params, Path workDir,
    Consumer<String> log) {
  public ScriptCall {
    params = Map.copyOf(params);
  }
}
