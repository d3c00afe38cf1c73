package ferry.vfs.sftp;

import static ferry.vfs.Settings.intSetting;
import static ferry.vfs.Settings.orEmpty;
import static ferry.vfs.Settings.require;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Settings of one SFTP endpoint.
 *
 * @param host the server's host name or address
 * @param port the SSH port, usually {@link #DEFAULT_PORT}
 * @param username the login
 * @param password the password, or {@code ""} to log in with the key only
 * @param privateKeyPem a private key (OpenSSH or PEM format), or {@code ""}
 * @param privateKeyPassphrase the key's passphrase, or {@code ""} if it is not encrypted
 * @param fingerprints the accepted host keys as {@code SHA256:<base64>} (as {@code ssh-keygen -lf}
 *     prints them); any other key is refused
 * @param rootDir the remote directory that acts as the root, or {@code ""} for the login directory
 * @param timeout limit for connecting, logging in and each request
 */
public record SftpVfsConfig(
    String host,
    int port,
    String username,
    String password,
    String privateKeyPem,
    String privateKeyPassphrase,
    List<String> fingerprints,
    String rootDir,
    Duration timeout) {

  public static final int DEFAULT_PORT = 22;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public SftpVfsConfig {
    host = orEmpty(host);
    username = orEmpty(username);
    password = password == null ? "" : password;
    privateKeyPem = orEmpty(privateKeyPem);
    privateKeyPassphrase = privateKeyPassphrase == null ? "" : privateKeyPassphrase;
    fingerprints =
        fingerprints == null ? List.of() : fingerprints.stream().map(String::strip).toList();
    rootDir = orEmpty(rootDir);
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
  }

  /** Password login to {@code host:port}, trusting only the host keys in {@code fingerprints}. */
  public static SftpVfsConfig withPassword(
      String host, int port, String username, String password, List<String> fingerprints) {
    return new SftpVfsConfig(
        host, port, username, password, "", "", fingerprints, "", DEFAULT_TIMEOUT);
  }

  /** Returns a copy that also offers this private key; {@code passphrase} may be {@code ""}. */
  public SftpVfsConfig withPrivateKey(String pem, String passphrase) {
    return new SftpVfsConfig(
        host, port, username, password, pem, passphrase, fingerprints, rootDir, timeout);
  }

  /** Returns a copy rooted at the remote directory {@code dir}. */
  public SftpVfsConfig withRootDir(String dir) {
    return new SftpVfsConfig(
        host,
        port,
        username,
        password,
        privateKeyPem,
        privateKeyPassphrase,
        fingerprints,
        dir,
        timeout);
  }

  /** Returns a copy with another timeout. */
  public SftpVfsConfig withTimeout(Duration value) {
    return new SftpVfsConfig(
        host,
        port,
        username,
        password,
        privateKeyPem,
        privateKeyPassphrase,
        fingerprints,
        rootDir,
        value);
  }

  /**
   * Reads snake_case settings: {@code host}, {@code port}, {@code username}, {@code password},
   * {@code private_key}, {@code private_key_passphrase}, {@code fingerprints} (comma-separated),
   * {@code root_dir}, {@code timeout_seconds}.
   */
  public static SftpVfsConfig fromSettings(Map<String, String> s) {
    String prints = s.getOrDefault("fingerprints", "");
    return new SftpVfsConfig(
            s.get("host"),
            intSetting(s, "sftp", "port", DEFAULT_PORT),
            s.get("username"),
            s.get("password"),
            s.get("private_key"),
            s.get("private_key_passphrase"),
            Arrays.stream(prints.split(",")).map(String::strip).filter(p -> !p.isEmpty()).toList(),
            s.get("root_dir"),
            Duration.ofSeconds(intSetting(s, "sftp", "timeout_seconds", (int) DEFAULT_TIMEOUT.toSeconds())))
        .validate();
  }

  /**
   * Checks every setting.
   *
   * @return this
   * @throws IllegalArgumentException naming the first invalid key
   */
  public SftpVfsConfig validate() {
    require(!host.isEmpty(), "sftp.host: must not be empty");
    require(port > 0 && port < 65536, "sftp.port: must be between 1 and 65535");
    require(!username.isEmpty(), "sftp.username: must not be empty");
    require(
        !password.isEmpty() || !privateKeyPem.isEmpty(),
        "sftp.password: give a password or a private_key");
    // No fingerprints is allowed: every host key is then refused, and the refusal shows the key
    // the server presented, which is how an admin learns what to pin.
    for (String f : fingerprints) {
      require(
          f.startsWith("SHA256:") && f.length() > 20,
          "sftp.fingerprints: expected SHA256:<base64>, got " + f);
    }
    require(!timeout.isNegative() && !timeout.isZero(), "sftp.timeout_seconds: must be positive");
    return this;
  }

  @Override
  public String toString() {
    return "SftpVfsConfig[host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", password="
        + mask(password)
        + ", privateKeyPem="
        + mask(privateKeyPem)
        + ", privateKeyPassphrase="
        + mask(privateKeyPassphrase)
        + ", fingerprints="
        + fingerprints
        + ", rootDir="
        + rootDir
        + ", timeout="
        + timeout
        + "]";
  }

  private static String mask(String secret) {
    return secret.isEmpty() ? "" : "***";
  }
}
