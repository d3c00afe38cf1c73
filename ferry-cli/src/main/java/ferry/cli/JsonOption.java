package ferry.cli;

import picocli.CommandLine.Option;

/** The {@code --json} option: machine-readable output. */
final class JsonOption {
  @Option(
      names = "--json",
      description = "Print the server's JSON answer instead of readable text, for scripts (jq).")
  boolean json;
}
