package ferry.server;

import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import ferry.core.job.JobLimits;
import ferry.core.job.JobRetention;
import ferry.httpd.HttpConfig;
import ferry.jobs.WorkerConfig;
import ferry.sftpd.SftpdConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code ferry serve} is told, from flags and environment; null means "the default".
 *
 * @param dbUrl JDBC URL; null for the embedded H2 file in the data dir
 * @param tlsCert a PEM certificate (chain) to serve instead of the generated one; with {@code tlsKey}
 * @param tlsKey the PEM private key of {@code tlsCert}
 * @param tlsKeystore a PKCS12 file to serve instead of the generated certificate
 * @param plainHttp serve plain HTTP instead of HTTPS
 * @param adminPassword the first admin's password; null to generate one
 * @param localDirs server directories scripts may Download to and Upload from
 * @param scriptMemoryLimit bytes one script run may allocate; 0 for no limit
 * @param masterKey base64 of the 32-byte secrets key; null to use (or create) the data dir's
 * @param defender how failed logins and connection floods are scored and banned; null for the defaults
 * @param sftpAddress the address the SFTP/SCP server listens on
 * @param sftpPort the SFTP/SCP port; 0 picks a free one, -1 turns the server off
 * @param sftpKex SSH key exchange algorithms offered, in order; empty for the defaults
 * @param sftpCiphers SSH ciphers offered, in order; empty for the defaults
 * @param sftpMacs SSH MACs offered, in order; empty for the defaults
 * @param sftpMaxAuthTries failed SSH login attempts after which a connection is closed
 * @param trustedProxies reverse proxies whose forwarding headers name the client; empty for none
 * @param jobLimits params size and job-start rate per API key; null for the defaults
 * @param jobRetention how long finished jobs and their logs are kept; null for the defaults
 */
public record ServerConfig(
    Path dataDir,
    String httpHost,
    int httpPort,
    boolean plainHttp,
    Path tlsCert,
    Path tlsKey,
    Path tlsKeystore,
    String tlsKeystorePassword,
    String dbUrl,
    int dbPoolSize,
    int workers,
    Duration shutdownTimeout,
    List<Path> scriptDirs,
    List<Path> localDirs,
    Duration scriptTimeLimit,
    long scriptMemoryLimit,
    String adminPassword,
    String masterKey,
    DefenderConfig defender,
    String sftpAddress,
    int sftpPort,
    List<String> sftpKex,
    List<String> sftpCiphers,
    List<String> sftpMacs,
    int sftpMaxAuthTries,
    List<Cidr> trustedProxies,
    JobLimits jobLimits,
    JobRetention jobRetention) {

  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  public static final Path DEFAULT_DATA_DIR = Path.of("ferry-data");
  /** The value of {@code sftpPort} that turns the SFTP/SCP server off. */
  public static final int SFTP_OFF = -1;

  public ServerConfig {
    scriptDirs = List.copyOf(scriptDirs);
    localDirs = List.copyOf(localDirs);
    sftpKex = sftpKex == null ? List.of() : List.copyOf(sftpKex);
    sftpCiphers = sftpCiphers == null ? List.of() : List.copyOf(sftpCiphers);
    sftpMacs = sftpMacs == null ? List.of() : List.copyOf(sftpMacs);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    if (defender == null) defender = DefenderConfig.defaults();
    if (jobLimits == null) jobLimits = JobLimits.defaults();
    if (jobRetention == null) jobRetention = JobRetention.defaults();
    if (sftpAddress == null || sftpAddress.isBlank()) sftpAddress = SftpdConfig.DEFAULT_BIND_ADDRESS;
    if (sftpPort < SFTP_OFF || sftpPort > 65535)
      throw new IllegalArgumentException("sftp port must be 0-65535, or -1 for no SFTP server, got " + sftpPort);
    if (sftpMaxAuthTries < 1)
      throw new IllegalArgumentException("sftp max auth tries must be at least 1, got " + sftpMaxAuthTries);
    if (httpPort < 0 || httpPort > 65535) throw new IllegalArgumentException("http port must be 0-65535, got " + httpPort);
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    if ((tlsCert == null) != (tlsKey == null))
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
  }

  /** Defaults for everything, with the given data dir. */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(dataDir, HttpConfig.DEFAULT_HOST, HttpConfig.DEFAULT_PORT, false, null, null, null,
        null, null, 10, WorkerConfig.DEFAULT_WORKERS, DEFAULT_SHUTDOWN_TIMEOUT, List.of(), List.of(), null, 0, null, null, null,
        SftpdConfig.DEFAULT_BIND_ADDRESS, SftpdConfig.DEFAULT_PORT, List.of(), List.of(), List.of(),
        SftpdConfig.DEFAULT_MAX_AUTH_TRIES, List.of(), null, null);
  }
}
