package ferry.pipeline.run;

import ferry.pipeline.definition.Notify;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** What a run needs from the server besides storage: secrets, stored scripts and webhooks. */
public interface RunServices {
  /**
   * A secret's value, if the pipeline's owner may use it.
   *
   * @param customer the pipeline's owning customer; null for an admin pipeline
   */
  Optional<String> secret(String customer, String name);

  /**
   * Runs a stored script for a script step, in this process, and waits for its end.
   *
   * @return its exit code (0 is success)
   * @throws IOException when it could not run at all (no such script)
   */
  int runScript(ScriptCall call) throws IOException, InterruptedException;

  /**
   * POSTs {@code summary} as JSON to {@code hook} (signed when it names a secret).
   *
   * @throws IOException when the call failed or the answer was not 2xx
   */
  void notify(Notify.Webhook hook, String customer, Map<String, Object> summary) throws IOException, InterruptedException;

  /** Services that have nothing: no secrets, no scripts, webhooks refused (tests, dry runs). */
  static RunServices none() {
    return new RunServices() {
      @Override
      public Optional<String> secret(String customer, String name) {
        return Optional.empty();
      }

      @Override
      public int runScript(ScriptCall call) throws IOException {
        throw new IOException("no scripts here");
      }

      @Override
      public void notify(Notify.Webhook hook, String customer, Map<String, Object> summary) throws IOException {
        throw new IOException("no webhooks here");
      }
    };
  }
}
