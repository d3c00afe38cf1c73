package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@code ferry serve} running on a data dir, found through the files it writes there: {@code
 * server.json} ({@code {"url", "pid"}}) and {@code cli.key} (an admin key for the CLI).
 *
 * @param url the server's base URL
 * @param dataDir the data dir the server runs on
 */
record LocalServer(String url, Path dataDir) {
  static final String SERVER_FILE = "server.json";
  static final String KEY_FILE = "cli.key";
  static final String HEALTH_PATH = "/v1/health";

  /**
   * Finds the server running on {@code trust}'s data dir.
   *
   * @return empty when the data dir has no {@code server.json} or its URL does not answer, as after
   *     a crash
   * @throws CliException when {@code server.json} is unreadable or the TLS handshake fails
   */
  static Optional<LocalServer> find(TlsTrust trust) {
    Path dataDir = trust.dataDir();
    Path file = dataDir.resolve(SERVER_FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String url = readUrl(file);
    try (FerryClient probe = new FerryClient(url, null, trust)) {
      return probe.answers(HEALTH_PATH)
          ? Optional.of(new LocalServer(url, dataDir))
          : Optional.empty();
    }
  }

  /** The message for commands that need a server when none is found. */
  static String notRunningMessage(Path dataDir) {
    return "no Ferry server is running on data dir "
        + dataDir
        + "; start one with `ferry serve` or pass --host and --apikey";
  }

  /**
   * The admin key the server wrote for the CLI.
   *
   * @throws CliException when the file cannot be read, typically for lack of permission
   */
  String cliKey() {
    Path file = dataDir.resolve(KEY_FILE);
    try {
      String key = Files.readString(file).strip();
      if (key.isEmpty()) {
        throw new CliException(file + " is empty; restart `ferry serve` to write a new CLI key");
      }
      return key;
    } catch (IOException e) {
      throw new CliException(
          "cannot read the CLI key "
              + file
              + " ("
              + e
              + "); run as the user that runs `ferry serve`, or pass --apikey",
          e);
    }
  }

  private static String readUrl(Path file) {
    try {
      JsonNode json = FerryClient.JSON.readTree(file);
      String url = json.path("url").asText("");
      if (url.isBlank()) {
        throw new CliException(file + " has no \"url\"");
      }
      return FerryClient.baseUrl(url);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
