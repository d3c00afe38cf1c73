package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class MainTest {
  /** Commands whose help this module does not own: picocli's and the server's. */
  static final List<String> NOT_OURS = List.of("ferry serve", "ferry help");

  static List<CommandLine> allCommands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>(List.of(root));
    root.getSubcommands().values().forEach(sub -> all.addAll(allCommands(sub)));
    return all;
  }

  @Test
  void everyCommandHasADescriptionExamplesAndDescribedOptions() {
    List<String> problems = new ArrayList<>();
    for (CommandLine cl : allCommands(Main.commandLine())) {
      CommandSpec spec = cl.getCommandSpec();
      String name = spec.qualifiedName();
      if (NOT_OURS.contains(name)) {
        continue;
      }
      if (spec.usageMessage().description().length == 0) {
        problems.add(name + ": no description");
      }
      if (spec.usageMessage().footer().length == 0) {
        problems.add(name + ": no examples");
      }
      for (String line : spec.usageMessage().footer()) {
        if (line.length() > 78) {
          problems.add(name + ": example wider than the help: " + line);
        }
      }
      for (OptionSpec option : spec.options()) {
        if (option.description().length == 0) {
          problems.add(name + " " + option.longestName() + ": no description");
        }
      }
      for (PositionalParamSpec param : spec.positionalParameters()) {
        if (param.description().length == 0) {
          problems.add(name + " " + param.paramLabel() + ": no description");
        }
      }
      if (!spec.mixinStandardHelpOptions()) {
        problems.add(name + ": no --help/--version");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void commandTreeIsComplete() {
    CommandLine root = Main.commandLine();
    assertThat(root.getSubcommands().keySet())
        .containsExactly(
            "serve", "start", "run", "script", "job", "apikey", "folder", "user", "group", "connections",
            "transfers", "defender", "secret", "settings", "customer", "agent-code", "agent", "pipeline", "help");
    assertThat(root.getSubcommands().get("pipeline").getSubcommands().keySet())
        .containsExactly("put", "get", "list", "dry-run", "run", "runs", "delete");
    assertThat(root.getSubcommands().get("user").getSubcommands().keySet())
        .containsExactly("add", "update", "get", "list", "delete");
    assertThat(root.getSubcommands().get("group").getSubcommands().keySet())
        .containsExactly("add", "update", "get", "list", "delete");
    assertThat(root.getSubcommands().get("connections").getSubcommands().keySet())
        .containsExactly("list", "close");
    assertThat(root.getSubcommands().get("transfers").getSubcommands().keySet())
        .containsExactly("list");
    assertThat(root.getSubcommands().get("folder").getSubcommands().keySet())
        .containsExactly("add", "update", "get", "list", "delete", "test");
    assertThat(root.getSubcommands().get("defender").getSubcommands().keySet())
        .containsExactly("list", "unban");
    assertThat(root.getSubcommands().get("apikey").getSubcommands().keySet())
        .containsExactly("create", "list", "revoke");
    assertThat(root.getSubcommands().get("script").getSubcommands().keySet())
        .containsExactly("put", "list", "get", "delete");
    assertThat(root.getSubcommands().get("secret").getSubcommands().keySet())
        .containsExactly("set", "list", "delete");
    assertThat(root.getSubcommands().get("settings").getSubcommands().keySet())
        .containsExactly("get", "set");
    assertThat(root.getSubcommands().get("job").getSubcommands().keySet())
        .containsExactly("get", "list", "cancel");
  }

  @Test
  void aCallBuildsOnlyTheCommandItNames() {
    assertThat(Main.commandLine("start", "-n", "nightly", "-a", "k").getSubcommands().keySet())
        .containsExactly("start");
    assertThat(Main.commandLine("user", "add").getSubcommands().get("user").getSubcommands())
        .hasSize(5);
    assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"help", "start"},
            new String[] {"--version", "start"},
            new String[] {"strat"})) {
      assertThat(Main.commandLine(args).getSubcommands())
          .as(String.join(" ", args))
          .hasSize(Main.SUBCOMMANDS.size());
    }
  }

  @Test
  void theRootHelpListsEveryCommand() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    for (String name : Main.commandLine().getSubcommands().keySet()) {
      assertThat(result.out()).contains("  " + name + " ");
    }
    assertThat(Cli.run("help", "start").out()).contains("--scriptname");
    assertThat(Cli.run("strat").err()).contains("Did you mean:").contains("ferry start");
  }

  @Test
  void helpOfASubcommandShowsItsOptionsAndExamples() {
    Cli.Result result = Cli.run("start", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("--scriptname")
        .contains("-sn")
        .contains("--wait")
        .contains("Examples:");
  }

  @Test
  void versionNamesTheProjectVersion() {
    Cli.Result result = Cli.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("ferry ").doesNotContain("${").doesNotContain("unknown");
    assertThat(Cli.run("job", "list", "--version").out()).startsWith("ferry ");
  }

  @Test
  void noCommandOrAnUnknownOneIsAUsageError() {
    assertThat(Cli.run().exitCode()).isEqualTo(2);
    assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
  }

  @Test
  void dashSnParsesAsTheScriptNameNotAsClusteredOptions() {
    for (String[] args :
        List.of(
            new String[] {"start", "-sn", "My Backup Job", "-a", "k"},
            new String[] {"start", "-sn=My Backup Job", "-a", "k"},
            new String[] {"start", "-n", "My Backup Job", "-a", "k"},
            new String[] {"start", "--scriptname", "My Backup Job", "-a", "k"})) {
      CommandLine cl = Main.commandLine(args);
      cl.parseArgs(args);
      StartCommand start = Cli.command(cl, "start");
      assertThat(start.selector.name).as(String.join(" ", args)).isEqualTo("My Backup Job");
      assertThat(start.selector.id).isNull();
    }
    String[] byId = {"start", "-s", "p3fEoexohdHj6SXrvuT8H8", "-a", "k"};
    CommandLine cl = Main.commandLine(byId);
    cl.parseArgs(byId);
    StartCommand start = Cli.command(cl, "start");
    assertThat(start.selector.id).isEqualTo("p3fEoexohdHj6SXrvuT8H8");
  }
}
