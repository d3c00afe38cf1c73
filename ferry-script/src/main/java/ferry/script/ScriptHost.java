package ferry.script;

import java.util.Optional;

/**
 * What a running script may ask of the server. The job worker implements it per run.
 *
 * <p>Both methods are called on the thread that runs the script; they should not block for long,
 * since a blocked call delays cancellation of the script.
 */
public interface ScriptHost {
  /**
   * Looks up a secret for {@code GetSecret(name)}.
   *
   * @param name the secret name as the script wrote it (case-sensitive)
   * @return the plaintext, or empty when there is no such secret; the script then sees {@code ""}
   */
  Optional<String> secret(String name);

  /**
   * Appends one line to the job log. The engine has already applied the line-count and line-length
   * caps of {@link ScriptConfig}.
   *
   * @param level severity
   * @param message the line, never {@code null}
   */
  void log(LogLevel level, String message);
}
