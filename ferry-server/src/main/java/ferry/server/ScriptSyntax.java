package ferry.server;

import ferry.core.job.SyntaxChecker;
import ferry.core.job.SyntaxProblem;
import ferry.script.ScriptEngine;
import java.util.Optional;

/** The core's syntax port, answered by the script engine's parser. */
record ScriptSyntax(ScriptEngine engine) implements SyntaxChecker {
  @Override
  public Optional<SyntaxProblem> check(String name, String source) {
    return engine.check(name, source).map(p -> new SyntaxProblem(p.line(), p.column(), p.message()));
  }
}
