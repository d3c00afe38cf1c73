package ferry.script;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;

/**
 * One execution request for {@link ScriptEngine#run(ScriptRun)}.
 *
 * @param name script name, used in error locations ({@code name:line:column})
 * @param source JavaScript source, run as a classic script (not a module)
 * @param params trigger-time parameters for {@code Params(name)}
 * @param host the server side of the run: secrets and the job log
 * @param timeLimit wall-clock limit; {@link Duration#ZERO} means the engine default
 * @param cancel lets another thread stop the run
 */
public record ScriptRun(
    String name,
    String source,
    Map<String, String> params,
    ScriptHost host,
    Duration timeLimit,
    CancelSignal cancel) {
  /** Checks that every part is present and copies the parameters. */
  public ScriptRun {
    requireNonNull(name, "No script name");
    requireNonNull(source, "No script source");
    params = Map.copyOf(requireNonNull(params, "No params"));
    requireNonNull(host, "No script host");
    requireNonNull(timeLimit, "No time limit");
    requireNonNull(cancel, "No cancel signal");
    if (timeLimit.isNegative()) {
      throw new IllegalArgumentException("Negative time limit: " + timeLimit);
    }
  }
}
