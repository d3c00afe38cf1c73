package ferry.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data-dir} option: where a local {@code ferry serve} keeps its files. */
final class DataDirOption {
  static final String DEFAULT_DATA_DIR = "ferry-data";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:FERRY_DATA_DIR:-" + DEFAULT_DATA_DIR + "}",
      description = {
        "Data dir of the Ferry server on this machine: its server.json and cli.key locate the"
            + " server and authenticate the CLI, and its tls/server-cert.pem is trusted.",
        "Default: $FERRY_DATA_DIR, else ./" + DEFAULT_DATA_DIR + " (now: ${DEFAULT-VALUE})."
      })
  Path dataDir;

  Path path() {
    return dataDir;
  }
}
