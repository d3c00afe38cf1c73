package ferry.cli;

import ferry.agent.Agent;
import ferry.agent.AgentConfig;
import ferry.agent.AgentException;
import ferry.server.LogFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry agent}: the long-lived agent process, until SIGTERM or Ctrl-C (then it exits 0). */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Ferry agent: registers with the server once (with a one-time code from `ferry"
          + " agent-code create`), keeps its key, client certificate and report queue in --data-dir"
          + " (mode 600), then heartbeats, fires its scheduled jobs on its own clock and moves"
          + " their files between this machine and the job's SFTP, FTP/FTPS or S3 endpoint.",
      "Reports wait on disk while the server is away. On SIGTERM it starts no new run, lets the"
          + " running transfer finish until --shutdown-timeout (else reports it failed), sends the"
          + " queued reports and exits 0."
    },
    footer = {
      "",
      "Examples:",
      "  ferry agent --server https://ferry.example.com:44399 --code CODE \\",
      "      --data-dir /var/lib/ferry-agent",
      "  ferry agent --server https://ferry.example.com:44399 --data-dir DIR",
      "  ferry agent --server https://127.0.0.1:44399 --ca-file server-cert.pem \\",
      "      --code CODE --data-dir DIR --name backup-host"
    })
final class AgentCommand implements Callable<Integer> {
  @Option(names = "--server", required = true, paramLabel = "URL", description = "The Ferry server, e.g. https://host:44399.")
  String server;

  @Option(names = "--code", paramLabel = "CODE", defaultValue = "${env:FERRY_AGENT_CODE}",
      description = "One-time registration code (or $FERRY_AGENT_CODE); needed only at the first start.")
  String code;

  @Option(names = "--data-dir", required = true, paramLabel = "DIR",
      description = "The agent's own directory: identity, client certificate, report queue, job cache.")
  Path dataDir;

  @Option(names = "--name", paramLabel = "NAME", description = "Name to register under (default: this host's name).")
  String name;

  @Option(names = "--insecure", description = "Trust any server certificate (tests, or a first contact on a closed network).")
  boolean insecure;

  @Option(names = "--ca-file", paramLabel = "PEM",
      description = "PEM certificates to trust for the server instead of the system CAs, e.g. the server's"
          + " <data-dir>/tls/server-cert.pem.")
  Path caFile;

  @Option(names = "--heartbeat-interval", paramLabel = "SECONDS", defaultValue = "30",
      description = "Seconds between heartbeats; the server shows the agent offline after 3 missed (default: ${DEFAULT-VALUE}).")
  long heartbeatSeconds;

  @Option(names = "--jobs-refresh", paramLabel = "SECONDS", defaultValue = "60",
      description = "Seconds between readings of the agent's job list (default: ${DEFAULT-VALUE}).")
  long jobsRefreshSeconds;

  @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "20",
      description = "How long SIGTERM waits for a running transfer, then again for queued reports (default: ${DEFAULT-VALUE}).")
  long shutdownSeconds;

  @Option(names = "--bandwidth-limit", paramLabel = "KIB_PER_S", defaultValue = "0",
      description = "Most KiB per second one transfer moves; 0 for no limit (default: ${DEFAULT-VALUE}).")
  long bandwidthKib;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:FERRY_LOG_FORMAT:-text}",
      description = "Log on stderr: text or json (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    logFormat().apply();
    Agent agent;
    try {
      agent = Agent.start(config());
    } catch (AgentException | IOException e) {
      System.err.println("ferry agent: " + e.getMessage());
      return 1;
    }
    UntilSignalled.run(agent::stop, "ferry-agent-shutdown");
    return 0;
  }

  private AgentConfig config() {
    try {
      return new AgentConfig(URI.create(server.strip()), code, dataDir, name == null ? hostName() : name, insecure, caFile,
          Duration.ofSeconds(heartbeatSeconds), Duration.ofSeconds(jobsRefreshSeconds), Duration.ofSeconds(shutdownSeconds),
          bandwidthKib * 1024);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private LogFormat logFormat() {
    try {
      return LogFormat.parse(logFormat);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--log-format: " + e.getMessage());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "agent";
    }
  }
}
