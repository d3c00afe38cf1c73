package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that do something: prints a {@link CliException} as one line on stderr and
 * exits with its code, so that every command reports failures alike and without a stack.
 */
abstract class ApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (CliException e) {
      err().println("ferry: " + e.getMessage());
      err().flush();
      return e.exitCode();
    } finally {
      out().flush();
    }
  }

  /** Does the command's work; returns the exit code. */
  abstract int execute();

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A usage error (exit code 2, printed with the command's usage) for this command. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  void printJson(JsonNode json) {
    out().println(FerryClient.pretty(json));
  }
}
