package ferry.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Base of the commands that only group subcommands: called alone, they are a usage error. */
abstract class CommandGroup implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    List<String> names = spec.subcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    String choices = names.size() < 2 ? String.join("", names)
        : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
    throw new ParameterException(spec.commandLine(), "'" + spec.qualifiedName() + "' needs a command: " + choices);
  }
}
