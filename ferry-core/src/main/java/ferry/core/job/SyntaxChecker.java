package ferry.core.job;

import java.util.Optional;

/** Port: parses a script without running it. */
public interface SyntaxChecker {
  /** The first syntax error in {@code source}, if any. */
  Optional<SyntaxProblem> check(String name, String source);
}
