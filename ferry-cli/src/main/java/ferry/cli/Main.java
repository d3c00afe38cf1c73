package ferry.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ferry} command line: {@code serve} runs the server; {@code start} and {@code run} run
 * scripts; {@code script}, {@code job}, {@code apikey}, {@code secret} and {@code settings}
 * administer a server through its {@code /v1} API.
 */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description = "Ferry managed file transfer: runs the server, runs scripts, administers it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:Failure: the job or script failed, or the server refused or could not be reached.",
      "2:Usage error: a missing or invalid option or argument."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  ferry serve",
      "  ferry start -n \"My Backup Job\" -a KEY --params '{\"dest\":\"/archive\"}'",
      "  ferry run -f /opt/scripts/my-transfer.js -p '{\"dest\":\"/archive\"}'",
      "  ferry apikey create --name ci --allow-ip 10.0.0.0/8 --expires 90d",
      "  ferry settings set allow-cli-run true",
      "  ferry help start"
    })
public final class Main extends CommandGroup {
  /**
   * The subcommands, in the order the help lists them. They are added in code rather than in
   * {@code @Command(subcommands)} so that a call builds only the model it uses (issue 11): picocli
   * reflects over every option of every command it is given, which cost more than the rest of a
   * {@code ferry start}.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ServeCommand.class,
          StartCommand.class,
          RunCommand.class,
          ScriptCommand.class,
          JobCommand.class,
          ApiKeyCommand.class,
          FolderCommand.class,
          UserCommand.class,
          GroupCommand.class,
          ConnectionCommand.class,
          TransferCommand.class,
          DefenderCommand.class,
          SecretCommand.class,
          SettingsCommand.class,
          CustomerCommand.class,
          AgentCodeCommand.class,
          AgentCommand.class,
          PipelineCommand.class,
          HelpCommand.class);

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The whole command tree, as {@code ferry --help} shows it, usage errors in one line (UsageErrors). */
  static CommandLine commandLine() {
    return withSubcommands(SUBCOMMANDS);
  }

  /**
   * The command tree that parsing {@code args} can reach, and that prints the same usage and errors
   * as the whole tree: only the subcommand that {@code args[0]} names, none for a lone {@code
   * --version}, else all of them (for the root's help, {@code help}, errors and suggestions).
   */
  static CommandLine commandLine(String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      return withSubcommands(List.of());
    }
    if (args.length > 0 && !args[0].equals("help")) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (args[0].equals(subcommand.getAnnotation(Command.class).name())) {
          return withSubcommands(List.of(subcommand));
        }
      }
    }
    return commandLine();
  }

  private static CommandLine withSubcommands(List<Class<?>> subcommands) {
    CommandLine commandLine = new CommandLine(new Main());
    subcommands.forEach(commandLine::addSubcommand);
    // after the subcommands: picocli gives a setting to the subcommands present when it is set
    return commandLine.setParameterExceptionHandler(new UsageErrors()); // usage errors in one line
  }

  /** Reports the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
        "ferry " + properties.getProperty("version", "unknown"),
        "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"
      };
    }
  }
}
