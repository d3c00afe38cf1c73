package ferry.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options that say which server to talk to and how: {@code --host}, {@code --apikey}, {@code
 * --insecure} and {@code --data-dir}, shared by every command that calls the API.
 */
final class ServerOptions {
  static final String DEFAULT_HOST = "127.0.0.1:44399";
  /** The variable that sets serve's API port, which {@code start} then calls by default. */
  static final String HTTP_PORT_ENV = "FERRY_HTTP_PORT";

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--host",
      paramLabel = "HOST:PORT",
      description = {
        "Server to call: HOST:PORT for HTTPS, or a URL",
        "(http://HOST:PORT or https://HOST:PORT).",
        "Default for `start`: "
            + DEFAULT_HOST
            + " (127.0.0.1:$"
            + HTTP_PORT_ENV
            + " when that is set, as for `serve`); for the other commands: the server"
            + " running on --data-dir."
      })
  String host;

  @Option(
      names = {"-a", "--apikey"},
      paramLabel = "KEY",
      description = {
        "API key, sent as X-API-Key. Required by `start` and with --host; the other commands"
            + " default to the admin key the local server wrote to <data-dir>/cli.key.",
        "Write --apikey=KEY if the key starts with '-'."
      })
  String apiKey;

  @Option(
      names = "--insecure",
      description =
          "Accept any server certificate and skip the hostname check, e.g. for a remote server"
              + " with a self-signed certificate. Exposes the API key to a man in the middle.")
  boolean insecure;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** Made while picocli builds the command, early enough to start the client warm-up. */
  ServerOptions() {
    ClientWarmUp.start();
  }

  TlsTrust trust() {
    return new TlsTrust(dataDir.path(), insecure);
  }

  /**
   * Connects to {@code --host} with {@code --apikey}, or else to the server running on the data dir
   * with its CLI key (or {@code --apikey} when given).
   *
   * @throws ParameterException when {@code --host} comes without {@code --apikey}
   * @throws CliException when no server is found
   */
  FerryClient connectAdmin() {
    TlsTrust trust = trust();
    if (host != null) {
      return new FerryClient(FerryClient.baseUrl(host), requireKey("--host"), trust);
    }
    Optional<LocalServer> local = LocalServer.find(trust);
    if (local.isEmpty()) {
      throw new CliException(LocalServer.notRunningMessage(dataDir.path()));
    }
    String key = apiKey != null ? apiKey : local.get().cliKey();
    return new FerryClient(local.get().url(), key, trust);
  }

  /**
   * Connects to {@code --host} (default {@link #defaultHost}) with the required {@code --apikey},
   * the way {@code ferry start} always did.
   */
  FerryClient connectWithKey() {
    String url = FerryClient.baseUrl(host != null ? host : defaultHost(System.getenv()));
    return new FerryClient(url, requireKey(mixee.qualifiedName()), trust());
  }

  /**
   * {@value #DEFAULT_HOST}, or 127.0.0.1 on the port in {@value #HTTP_PORT_ENV}: the server that
   * {@code serve} started with the same environment.
   */
  static String defaultHost(Map<String, String> env) {
    String port = env.getOrDefault(HTTP_PORT_ENV, "");
    return port.matches("[1-9][0-9]{0,4}") && Integer.parseInt(port) <= 65535 ? "127.0.0.1:" + port : DEFAULT_HOST;
  }

  private String requireKey(String needer) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new ParameterException(
          mixee.commandLine(),
          "Missing required option: '--apikey=KEY' (needed by " + needer + ")");
    }
    return apiKey;
  }
}
