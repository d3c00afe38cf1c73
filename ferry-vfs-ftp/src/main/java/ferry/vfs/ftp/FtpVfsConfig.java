package ferry.vfs.ftp;

import static ferry.vfs.Settings.intSetting;
import static ferry.vfs.Settings.orEmpty;
import static ferry.vfs.Settings.require;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of one FTP or FTPS endpoint.
 *
 * @param host the server's host name or address
 * @param port the control port; 0 picks 21, or 990 for implicit TLS
 * @param username the login
 * @param password the password
 * @param tlsMode plain FTP, explicit FTPS ({@code AUTH TLS}) or implicit FTPS
 * @param tlsInsecure accept any server certificate and host name (tests and closed networks only)
 * @param trustedCertPem PEM certificates to trust instead of the JVM's default trust store, e.g. a
 *     self-signed server certificate, or {@code ""}
 * @param passive passive data connections (the client connects), the usual choice behind NAT
 * @param rootDir the remote directory that acts as the root, or {@code ""} for the login directory
 * @param timeout limit for connecting and for each reply or data transfer stall
 */
public record FtpVfsConfig(
    String host,
    int port,
    String username,
    String password,
    TlsMode tlsMode,
    boolean tlsInsecure,
    String trustedCertPem,
    boolean passive,
    String rootDir,
    Duration timeout) {

  /** How the connection is protected. */
  public enum TlsMode {
    NONE,
    EXPLICIT,
    IMPLICIT
  }

  public static final int DEFAULT_PORT = 21;
  public static final int DEFAULT_IMPLICIT_PORT = 990;
  public static final boolean DEFAULT_PASSIVE = true;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public FtpVfsConfig {
    host = orEmpty(host);
    username = orEmpty(username);
    password = password == null ? "" : password;
    tlsMode = tlsMode == null ? TlsMode.NONE : tlsMode;
    trustedCertPem = orEmpty(trustedCertPem);
    rootDir = orEmpty(rootDir);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  /** Plain FTP with passive mode and default port and timeout. */
  public static FtpVfsConfig of(String host, String username, String password) {
    return new FtpVfsConfig(
        host, 0, username, password, TlsMode.NONE, false, "", DEFAULT_PASSIVE, "", DEFAULT_TIMEOUT);
  }

  /** Returns a copy using {@code value} as the port. */
  public FtpVfsConfig withPort(int value) {
    return new FtpVfsConfig(
        host,
        value,
        username,
        password,
        tlsMode,
        tlsInsecure,
        trustedCertPem,
        passive,
        rootDir,
        timeout);
  }

  /** Returns a copy with TLS, trusting {@code certPem} (or the JVM default when empty). */
  public FtpVfsConfig withTls(TlsMode mode, String certPem) {
    return new FtpVfsConfig(
        host, port, username, password, mode, false, certPem, passive, rootDir, timeout);
  }

  /** Returns a copy with TLS that accepts any certificate. */
  public FtpVfsConfig withInsecureTls(TlsMode mode) {
    return new FtpVfsConfig(
        host, port, username, password, mode, true, "", passive, rootDir, timeout);
  }

  /** Returns a copy with active ({@code false}) or passive data connections. */
  public FtpVfsConfig withPassive(boolean value) {
    return new FtpVfsConfig(
        host,
        port,
        username,
        password,
        tlsMode,
        tlsInsecure,
        trustedCertPem,
        value,
        rootDir,
        timeout);
  }

  /** Returns a copy rooted at the remote directory {@code dir}. */
  public FtpVfsConfig withRootDir(String dir) {
    return new FtpVfsConfig(
        host,
        port,
        username,
        password,
        tlsMode,
        tlsInsecure,
        trustedCertPem,
        passive,
        dir,
        timeout);
  }

  /** The port to connect to, with 0 resolved by TLS mode. */
  public int effectivePort() {
    if (port != 0) {
      return port;
    }
    return tlsMode == TlsMode.IMPLICIT ? DEFAULT_IMPLICIT_PORT : DEFAULT_PORT;
  }

  /**
   * Reads snake_case settings: {@code host}, {@code port}, {@code username}, {@code password},
   * {@code tls_mode} (none, explicit, implicit), {@code tls_insecure}, {@code trusted_cert}, {@code
   * passive}, {@code root_dir}, {@code timeout_seconds}.
   */
  public static FtpVfsConfig fromSettings(Map<String, String> s) {
    String mode = s.getOrDefault("tls_mode", "none").strip().toUpperCase(Locale.ROOT);
    TlsMode tls;
    try {
      tls = TlsMode.valueOf(mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "ftp.tls_mode: expected none, explicit or implicit, not " + mode, e);
    }
    return new FtpVfsConfig(
            s.get("host"),
            intSetting(s, "ftp", "port", 0),
            s.get("username"),
            s.get("password"),
            tls,
            Boolean.parseBoolean(s.getOrDefault("tls_insecure", "false")),
            s.get("trusted_cert"),
            Boolean.parseBoolean(s.getOrDefault("passive", String.valueOf(DEFAULT_PASSIVE))),
            s.get("root_dir"),
            Duration.ofSeconds(intSetting(s, "ftp", "timeout_seconds", (int) DEFAULT_TIMEOUT.toSeconds())))
        .validate();
  }

  /**
   * Checks every setting.
   *
   * @return this
   * @throws IllegalArgumentException naming the first invalid key
   */
  public FtpVfsConfig validate() {
    requireNonNull(tlsMode);
    require(!host.isEmpty(), "ftp.host: must not be empty");
    require(
        port >= 0 && port < 65536, "ftp.port: must be between 1 and 65535 (or 0 for the default)");
    require(!username.isEmpty(), "ftp.username: must not be empty");
    require(
        tlsMode != TlsMode.NONE || (!tlsInsecure && trustedCertPem.isEmpty()),
        "ftp.tls_mode: certificate settings need explicit or implicit TLS");
    require(
        trustedCertPem.isEmpty() || trustedCertPem.contains("BEGIN CERTIFICATE"),
        "ftp.trusted_cert: expected PEM certificates");
    require(!timeout.isNegative() && !timeout.isZero(), "ftp.timeout_seconds: must be positive");
    return this;
  }

  @Override
  public String toString() {
    return "FtpVfsConfig[host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "" : "***")
        + ", tlsMode="
        + tlsMode
        + ", tlsInsecure="
        + tlsInsecure
        + ", trustedCertPem="
        + (trustedCertPem.isEmpty() ? "" : "<pem>")
        + ", passive="
        + passive
        + ", rootDir="
        + rootDir
        + ", timeout="
        + timeout
        + "]";
  }
}
