package ferry.cli;

import java.io.IOException;
import java.io.InputStream;
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
    subcommands = {
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
      HelpCommand.class
    },
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
  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line as {@code ferry} runs it: usage errors in one line (UsageErrors). */
  static CommandLine commandLine() {
    return new CommandLine(new Main()).setParameterExceptionHandler(new UsageErrors());
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
