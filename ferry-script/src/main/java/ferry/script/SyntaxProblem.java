package ferry.script;

import static java.util.Objects.requireNonNull;

/**
 * The first syntax error of a script.
 *
 * @param line 1-based line of the error
 * @param column 1-based column of the error
 * @param message what the parser expected, without the location
 */
public record SyntaxProblem(int line, int column, String message) {
  /** Checks that the message is present. */
  public SyntaxProblem {
    requireNonNull(message, "No message");
  }
}
