package ferry.script;

import static java.util.Objects.requireNonNull;

/**
 * How a script run ended.
 *
 * @param status the kind of ending
 * @param exitCode 0 on success, the argument of {@code Exit(code)}, or 1 for any other failure
 * @param error {@code null} when the script completed; otherwise a one-line description, for script
 *     errors the JavaScript message with {@code (at name:line:column)}
 */
public record ScriptOutcome(Status status, int exitCode, String error) {
  /** The kind of ending of a run. */
  public enum Status {
    /** The script ran to its end or called {@code Exit(0)}. */
    COMPLETED,
    /** The script threw, had a syntax error or called {@code Exit} with a non-zero code. */
    FAILED,
    /** The {@link CancelSignal} of the run was triggered. */
    CANCELLED,
    /** The run exceeded its time limit. */
    TIMED_OUT
  }

  /** Checks that status is present and that only a completed run lacks an error. */
  public ScriptOutcome {
    requireNonNull(status, "No status");
    if ((status == Status.COMPLETED) != (error == null)) {
      throw new IllegalArgumentException("error must be null exactly when COMPLETED");
    }
  }
}
