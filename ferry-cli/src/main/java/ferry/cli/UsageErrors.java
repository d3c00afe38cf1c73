package ferry.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a usage error as one line, picocli's suggestions for a mistyped name, and the command
 * that shows the help, instead of the whole help text under the error.
 */
final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    // picocli starts some of its messages with "Error: ", which the prefix already says
    err.println("ferry: " + e.getMessage().replaceFirst("^Error: ", ""));
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println(hint(command));
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** {@code ferry help} lists the commands and shows a top-level one; deeper ones have --help. */
  static String hint(CommandLine command) {
    CommandLine parent = command.getParent();
    if (parent == null || command.getCommand() instanceof CommandLine.HelpCommand) {
      return "Try 'ferry help' for the commands.";
    }
    String name = command.getCommandSpec().qualifiedName();
    String help = parent.getParent() == null
        ? "ferry help " + command.getCommandName()
        : name + " --help";
    return "Try '" + help + "' for its options and examples.";
  }
}
