package ferry.cli;

import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import ferry.core.error.ValidationException;
import ferry.core.job.JobLimits;
import ferry.core.job.JobRetention;
import ferry.server.FerryServer;
import ferry.server.ListenerException;
import ferry.server.LogFormat;
import ferry.server.ServerConfig;
import ferry.server.metrics.MetricsConfig;
import ferry.sftpd.SftpdConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry serve}: runs the server until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Ferry server: the HTTPS API on port 44399, the SFTP/SCP server on port 2022 and the"
          + " job workers.",
      "All state lives in the data dir (embedded H2 database, TLS certificate, master key) unless"
          + " --db-url points to PostgreSQL. On SIGTERM it stops accepting requests, lets running"
          + " jobs finish until --shutdown-timeout, marks the rest interrupted and exits 0."
    },
    footer = {
      "",
      "Examples:",
      "  ferry serve",
      "  ferry serve --data-dir /var/lib/ferry --http-host 0.0.0.0 --sftp-address 0.0.0.0",
      "  ferry serve --sftp-port -1          (no SFTP/SCP server)",
      "  ferry serve --db-url 'jdbc:postgresql://127.0.0.1:5432/ferry?user=ferry&password=secret'",
      "",
      "Environment: FERRY_ADMIN_PASSWORD sets the first admin's password (else one is generated and"
          + " printed once); FERRY_MASTER_KEY (base64 of 32 bytes) seals secrets, and must be the"
          + " same on every node sharing a database."
    })
final class ServeCommand implements Callable<Integer> {
  @Mixin DataDirOption dataDir;

  @Option(names = "--http-host", paramLabel = "ADDR", defaultValue = "${env:FERRY_HTTP_HOST:-127.0.0.1}",
      description = "Address the API listens on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:FERRY_HTTP_PORT:-44399}",
      description = "Port of the API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--sftp-address", paramLabel = "ADDR", defaultValue = "${env:FERRY_SFTP_ADDRESS:-127.0.0.1}",
      description = "Address the SFTP/SCP server listens on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}).")
  String sftpAddress;

  @Option(names = "--sftp-port", paramLabel = "PORT", defaultValue = "${env:FERRY_SFTP_PORT:-2022}",
      description = "Port of the SFTP/SCP server; 0 picks a free one, -1 turns it off (default: ${DEFAULT-VALUE})."
          + " Host keys (ed25519, ecdsa, rsa) are generated at first start in <data-dir>/ssh.")
  int sftpPort;

  @Option(names = "--sftp-ciphers", paramLabel = "LIST", split = ",", defaultValue = "${env:FERRY_SFTP_CIPHERS}",
      description = "SSH ciphers offered, in order of preference, comma-separated (default: "
          + SftpdConfig.DEFAULT_CIPHER_LIST + ").")
  List<String> sftpCiphers;

  @Option(names = "--sftp-kex", paramLabel = "LIST", split = ",", defaultValue = "${env:FERRY_SFTP_KEX}",
      description = "SSH key exchange algorithms offered, comma-separated (default: " + SftpdConfig.DEFAULT_KEX_LIST + ").")
  List<String> sftpKex;

  @Option(names = "--sftp-macs", paramLabel = "LIST", split = ",", defaultValue = "${env:FERRY_SFTP_MACS}",
      description = "SSH MACs offered for non-AEAD ciphers, comma-separated (default: " + SftpdConfig.DEFAULT_MAC_LIST + ").")
  List<String> sftpMacs;

  @Option(names = "--sftp-max-auth-tries", paramLabel = "N", defaultValue = "${env:FERRY_SFTP_MAX_AUTH_TRIES:-"
      + SftpdConfig.DEFAULT_MAX_AUTH_TRIES + "}",
      description = "Failed SSH login attempts (passwords and refused keys) after which a connection is closed,"
          + " as OpenSSH's MaxAuthTries (default: ${DEFAULT-VALUE}).")
  int sftpMaxAuthTries;

  @Option(names = "--plain-http", defaultValue = "${env:FERRY_PLAIN_HTTP:-false}",
      description = "Serve plain HTTP instead of HTTPS (only behind a TLS proxy or on a closed network).")
  boolean plainHttp;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "PEM certificate (chain) to serve instead of the self-signed one; needs --tls-key.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "Unencrypted PEM private key of --tls-cert.")
  Path tlsKey;

  @Option(names = "--tls-keystore", paramLabel = "P12", description = "PKCS12 file to serve instead of the self-signed certificate.")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password", paramLabel = "PW", defaultValue = "${env:FERRY_TLS_KEYSTORE_PASSWORD}",
      description = "Password of --tls-keystore (or $FERRY_TLS_KEYSTORE_PASSWORD).")
  String tlsKeystorePassword;

  @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:FERRY_DB_URL}",
      description = "Database; default the embedded H2 file in the data dir. A jdbc:postgresql:// URL lets several nodes share one database.")
  String dbUrl;

  @Option(names = "--db-pool-size", paramLabel = "N", defaultValue = "10", description = "Database connections (default: ${DEFAULT-VALUE}).")
  int dbPoolSize;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "${env:FERRY_WORKERS:-16}",
      description = "Jobs that run at once on this node (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--shutdown-timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long running jobs may take to finish at shutdown before they are interrupted (default: ${DEFAULT-VALUE}).")
  long shutdownSeconds;

  @Option(names = "--script-dir", paramLabel = "DIR",
      description = "A directory whose script files POST /v1/jobs may run by filePath; repeatable. Also $FERRY_SCRIPT_DIRS (':'-separated).")
  List<Path> scriptDirs = new ArrayList<>();

  @Option(names = "--local-dir", paramLabel = "DIR",
      description = "A server directory scripts may Download to and Upload from; repeatable. Also $FERRY_LOCAL_DIRS (':'-separated).")
  List<Path> localDirs = new ArrayList<>();

  @Option(names = "--script-time-limit", paramLabel = "SECONDS",
      description = "Longest a script may run before it is stopped (default: 3600).")
  Long scriptTimeLimitSeconds;

  @Option(names = "--script-memory-limit", paramLabel = "MIB", defaultValue = "0",
      description = "Most memory one script run may allocate, in MiB (counted as allocated, not as kept);"
          + " 0 for no limit (default: ${DEFAULT-VALUE}). Whatever this says, a run is cancelled when the heap"
          + " stays 85%% full after garbage collection and it allocates the most.")
  long scriptMemoryLimitMib;

  @Option(names = "--defender-threshold", paramLabel = "SCORE", defaultValue = "" + DefenderConfig.DEFAULT_THRESHOLD,
      description = "Score that bans a source IP: a failed login counts 2, an invalid API key 1, a refused"
          + " connection 3, within 30 minutes (default: ${DEFAULT-VALUE}).")
  int defenderThreshold;

  @Option(names = "--defender-ban-time", paramLabel = "SECONDS", defaultValue = "1800",
      description = "How long a first ban lasts; each repeat offence doubles it, up to 24 hours (default: ${DEFAULT-VALUE}).")
  long defenderBanSeconds;

  @Option(names = "--defender-max-connections", paramLabel = "N",
      defaultValue = "" + DefenderConfig.DEFAULT_MAX_CONNECTIONS_PER_IP,
      description = "Connections one source IP may hold at once; 0 for no limit (default: ${DEFAULT-VALUE}).")
  int defenderMaxConnections;

  @Option(names = "--defender-connection-rate", paramLabel = "N",
      defaultValue = "" + DefenderConfig.DEFAULT_CONNECTION_RATE_PER_SECOND,
      description = "New connections one source IP may open per second; 0 for no limit (default: ${DEFAULT-VALUE}).")
  int defenderConnectionRate;

  @Option(names = "--defender-safe-list", paramLabel = "CIDR", split = ",",
      description = "Source networks never scored, banned or limited; repeatable or comma-separated; 'none'"
          + " for no exemption (default: none; the local CLI lifts a ban of this machine with its data-dir key).")
  List<String> defenderSafeList;

  @Option(names = "--trusted-proxies", paramLabel = "CIDR", split = ",",
      description = "Reverse proxies whose X-Forwarded-For / Forwarded headers name the client; repeatable or"
          + " comma-separated (default: none: the TCP peer is the client).")
  List<String> trustedProxies;

  @Option(names = "--job-start-rate", paramLabel = "N", defaultValue = "${env:FERRY_JOB_START_RATE:-10}",
      description = "Job starts per second each jobs-scope API key may make (admins are not limited); past"
          + " the rate and --job-start-burst, POST /v1/jobs answers 429 with Retry-After; 0 for no limit"
          + " (default: ${DEFAULT-VALUE}).")
  double jobStartRate;

  @Option(names = "--job-start-burst", paramLabel = "N", defaultValue = "${env:FERRY_JOB_START_BURST:-20}",
      description = "Job starts a jobs-scope key may make at once before --job-start-rate applies (default: ${DEFAULT-VALUE}).")
  int jobStartBurst;

  @Option(names = "--job-max-params", paramLabel = "CHARS", defaultValue = "" + JobLimits.DEFAULT_MAX_PARAMS_CHARS,
      description = "Largest params of one job, names and values together, in characters; larger gets 413"
          + " (default: ${DEFAULT-VALUE}, at most " + JobLimits.MAX_PARAMS_CHARS + ").")
  int jobMaxParams;

  @Option(names = "--job-retention-days", paramLabel = "DAYS", defaultValue = "${env:FERRY_JOB_RETENTION_DAYS:-30}",
      description = "Finished jobs and their logs are deleted this many days after they ended; 0 keeps any age."
          + " Transfer records are kept (default: ${DEFAULT-VALUE}).")
  int jobRetentionDays;

  @Option(names = "--job-retention-count", paramLabel = "N", defaultValue = "${env:FERRY_JOB_RETENTION_COUNT:-10000}",
      description = "Only this many of the newest finished jobs are kept, with their logs; 0 keeps any number"
          + " (default: ${DEFAULT-VALUE}).")
  int jobRetentionCount;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:FERRY_METRICS_PORT:--1}",
      description = "Port of a plain-HTTP listener serving GET /metrics (Prometheus) without credentials; 0 picks a"
          + " free one, -1 for none (default: ${DEFAULT-VALUE}). The API's GET /metrics serves admins either way.")
  int metricsPort;

  @Option(names = "--metrics-address", paramLabel = "ADDR", defaultValue = "${env:FERRY_METRICS_ADDRESS:-127.0.0.1}",
      description = "Address the metrics listener binds to; anyone who reaches it reads the metrics (default: ${DEFAULT-VALUE}).")
  String metricsAddress;

  @Option(names = "--metrics-per-user", defaultValue = "${env:FERRY_METRICS_PER_USER:-false}",
      description = "Also count transfers and bytes per user: one series per user, for the first "
          + MetricsConfig.MAX_USERS + " users to transfer; the rest count as " + MetricsConfig.OTHER_USERS + ".")
  boolean metricsPerUser;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:FERRY_LOG_FORMAT:-text}",
      description = "Server log on stderr: text (readable lines) or json (one JSON object per line, for log"
          + " shippers) (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    logFormat().apply(); // first: every line of this server, the startup ones too, in one format
    List<Path> dirs = withEnv(scriptDirs, "FERRY_SCRIPT_DIRS");
    ServerConfig cfg = new ServerConfig(dataDir.path(), httpHost, httpPort, plainHttp, tlsCert, tlsKey, tlsKeystore,
        tlsKeystorePassword, blankToNull(dbUrl), dbPoolSize, workers, Duration.ofSeconds(shutdownSeconds), dirs,
        withEnv(localDirs, "FERRY_LOCAL_DIRS"),
        scriptTimeLimitSeconds == null ? null : Duration.ofSeconds(scriptTimeLimitSeconds), scriptMemoryLimitMib * 1024 * 1024,
        blankToNull(System.getenv("FERRY_ADMIN_PASSWORD")), blankToNull(System.getenv("FERRY_MASTER_KEY")),
        defenderConfig(), sftpAddress, sftpPort, sftpKex, sftpCiphers, sftpMacs, sftpMaxAuthTries, trustedProxies(), jobLimits(), jobRetention());
    FerryServer server;
    try {
      server = FerryServer.start(cfg, new MetricsConfig(metricsAddress, metricsPort, metricsPerUser), System.out);
    } catch (ListenerException e) {
      System.err.println("ferry serve: " + e.getMessage() + ": " + remedy(e.listener()));
      return 1;
    } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
      // a configuration or environment problem the operator can fix: say what, without a stack trace
      System.err.println("ferry serve: " + e.getMessage());
      return 1;
    }
    UntilSignalled.run(server::stop, "ferry-shutdown");
    return 0;
  }

  /** The {@code --log-format} value; a bad value is a usage error. */
  private LogFormat logFormat() {
    try {
      return LogFormat.parse(logFormat);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--log-format: " + e.getMessage());
    }
  }

  /** What to change when a listener cannot bind: the flags of its address and port, or turning it off. */
  private static String remedy(ListenerException.Listener listener) {
    return switch (listener) {
      case HTTP_API -> "choose another port with --http-port (0 picks a free one) or another address with --http-host";
      case SFTP -> "choose another port with --sftp-port (0 picks a free one) or another address with --sftp-address,"
          + " or turn SFTP/SCP off with --sftp-port -1";
      case METRICS -> "choose another port with --metrics-port (0 picks a free one, -1 turns the listener off)"
          + " or another address with --metrics-address";
    };
  }

  /** The Defender's settings from the {@code --defender-*} flags; a bad value is a usage error. */
  private DefenderConfig defenderConfig() {
    try {
      DefenderConfig d = DefenderConfig.defaults();
      if (defenderSafeList != null) {
        List<Cidr> safe = new ArrayList<>();
        for (String s : defenderSafeList)
          if (!s.isBlank() && !s.strip().equalsIgnoreCase("none")) safe.add(Cidr.parse(s));
        d = d.withSafeList(safe);
      }
      if (defenderBanSeconds < 1) throw new IllegalArgumentException("--defender-ban-time must be at least 1 second");
      return d.withThreshold(defenderThreshold).withBanTime(Duration.ofSeconds(defenderBanSeconds))
          .withConnectionLimits(defenderMaxConnections, defenderConnectionRate);
    } catch (IllegalArgumentException | ValidationException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The {@code --trusted-proxies} networks; a bad value is a usage error. */
  private List<Cidr> trustedProxies() {
    List<Cidr> out = new ArrayList<>();
    if (trustedProxies == null) return out;
    try {
      for (String s : trustedProxies) if (!s.isBlank()) out.add(Cidr.parse(s));
    } catch (ValidationException e) {
      throw new ParameterException(spec.commandLine(), "--trusted-proxies: " + e.getMessage());
    }
    return out;
  }

  /** Params size and start rate of jobs from the {@code --job-*} flags; a bad value is a usage error. */
  private JobLimits jobLimits() {
    try {
      return new JobLimits(jobMaxParams, jobStartRate, jobStartBurst);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--job-max-params, --job-start-rate, --job-start-burst: "
          + e.getMessage());
    }
  }

  /** How long finished jobs are kept, from {@code --job-retention-*}; a bad value is a usage error. */
  private JobRetention jobRetention() {
    try {
      if (jobRetentionDays < 0) throw new IllegalArgumentException("--job-retention-days must be 0 or more");
      return new JobRetention(Duration.ofDays(jobRetentionDays), jobRetentionCount);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The directories given as flags plus those in the ':'-separated environment variable. */
  private static List<Path> withEnv(List<Path> flags, String env) {
    List<Path> dirs = new ArrayList<>(flags);
    String value = System.getenv(env);
    if (value != null) for (String d : value.split(":")) if (!d.isBlank()) dirs.add(Path.of(d));
    return dirs;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
