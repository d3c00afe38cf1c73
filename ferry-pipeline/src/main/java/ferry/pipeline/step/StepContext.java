package ferry.pipeline.step;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What a step may use while it runs; one per step attempt, given by the runner. */
public interface StepContext {
  /** An empty directory of this step's own, under the run's work directory, for its outputs. */
  Path outputDir();

  String runId();

  String pipelineId();

  /** When the run started (rename templates' {date} and {time}). */
  Instant runStartedAt();

  Clock clock();

  /** The next value of the run's counter (rename's {counter}), from 1, stable across a resumed run. */
  long nextCounter();

  /** A secret's value by name, if the pipeline's owner may use it. */
  Optional<String> secret(String name);

  /**
   * Runs stored script {@code name} with {@code params} and waits for it.
   *
   * @return its exit code (0 is success); an IOException when it could not run at all
   */
  int runScript(String name, Map<String, String> params) throws IOException, InterruptedException;

  /** Whether a customer owns the pipeline (its webhooks may then call public addresses only). */
  boolean customerOwned();

  /** Appends a line to the step's log (kept with the run; never put a secret in it). */
  void log(String line);

  /** Whether the run was cancelled; long steps check between files and stop with CancellationException. */
  boolean cancelled();
}
