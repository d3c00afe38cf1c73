package ferry.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the CLI in-process, the way a shell would, and captures what it prints. */
final class Cli {
  private Cli() {}

  /** What one invocation did. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    return run(cl -> {}, args);
  }

  /** Runs {@code args} after {@code setup} has adjusted the command line, e.g. a test double. */
  static Result run(Consumer<CommandLine> setup, String... args) {
    CommandLine cl = Main.commandLine(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    setup.accept(cl);
    int exitCode = cl.execute(args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** The user object of a subcommand, e.g. {@code command(cl, "secret", "set")}. */
  @SuppressWarnings("unchecked")
  static <T> T command(CommandLine cl, String... path) {
    CommandLine current = cl;
    for (String name : path) {
      current = current.getSubcommands().get(name);
    }
    return (T) current.getCommand();
  }
}
