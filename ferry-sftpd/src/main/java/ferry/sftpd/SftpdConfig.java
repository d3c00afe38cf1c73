package ferry.sftpd;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The SFTP/SCP listener's settings.
 *
 * @param bindAddress the address to listen on, e.g. {@code 0.0.0.0} for every interface
 * @param port the TCP port; 0 picks a free one
 * @param hostKeyDir where the host keys live (generated at first start, mode 600)
 * @param idleTimeout a session without traffic for this long is closed
 * @param maxAuthTries failed login attempts (passwords, refused keys) after which a connection is
 *     closed, as OpenSSH's {@code MaxAuthTries}
 * @param maxOpenHandles files and directories one SFTP session may hold open at once
 * @param kexAlgorithms key exchange algorithms offered, in order of preference
 * @param ciphers ciphers offered
 * @param macs MACs offered (AEAD ciphers need none)
 * @param hostKeyAlgorithms host key signature algorithms offered
 * @param ioThreads threads that read, decrypt and answer quick requests for every session (see
 *     {@link EventLoopIo})
 */
public record SftpdConfig(
    String bindAddress,
    int port,
    Path hostKeyDir,
    Duration idleTimeout,
    int maxAuthTries,
    int maxOpenHandles,
    List<String> kexAlgorithms,
    List<String> ciphers,
    List<String> macs,
    List<String> hostKeyAlgorithms,
    int ioThreads) {
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 2022;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
  public static final int DEFAULT_MAX_AUTH_TRIES = 6;
  public static final int DEFAULT_MAX_OPEN_HANDLES = 256;
  /**
   * Half the cores: each extra thread in one JDK channel group costs a thread wake-up per network
   * event, which on two cores outweighed the parallelism (bench/sftp/README.md).
   */
  public static final int DEFAULT_IO_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  // Comma-separated so that `ferry serve --help` can show them (annotation values must be constants).
  // OpenSSH's server defaults without SHA-1 (and without what MINA lacks: post-quantum kex, umac),
  // so that older clients get in: libssh2 1.10 (curl, PHP) has no etm MAC, AEAD or chacha20 (issue 10).
  public static final String DEFAULT_KEX_LIST =
      "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
          + "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
          + "diffie-hellman-group14-sha256";
  public static final String DEFAULT_CIPHER_LIST =
      "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr";
  public static final String DEFAULT_MAC_LIST =
      "hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512";
  public static final List<String> DEFAULT_KEX = List.of(DEFAULT_KEX_LIST.split(","));
  public static final List<String> DEFAULT_CIPHERS = List.of(DEFAULT_CIPHER_LIST.split(","));
  public static final List<String> DEFAULT_MACS = List.of(DEFAULT_MAC_LIST.split(","));
  public static final List<String> DEFAULT_HOST_KEY_ALGORITHMS =
      List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "rsa-sha2-512", "rsa-sha2-256");

  public SftpdConfig {
    requireNonNull(bindAddress, "No bind address");
    requireNonNull(hostKeyDir, "No host key directory");
    requireNonNull(idleTimeout, "No idle timeout");
    kexAlgorithms = List.copyOf(kexAlgorithms);
    ciphers = List.copyOf(ciphers);
    macs = List.copyOf(macs);
    hostKeyAlgorithms = List.copyOf(hostKeyAlgorithms);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("sftpd.port must be 0-65535, got " + port);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("sftpd.idle_timeout must be positive, got " + idleTimeout);
    }
    if (maxAuthTries < 1) {
      throw new IllegalArgumentException("sftpd.max_auth_tries must be at least 1, got " + maxAuthTries);
    }
    if (maxOpenHandles < 1) {
      throw new IllegalArgumentException("sftpd.max_open_handles must be at least 1");
    }
    if (ioThreads < 1) {
      throw new IllegalArgumentException("sftpd.io_threads must be at least 1, got " + ioThreads);
    }
    for (var e : List.of(
        Map.entry("kex_algorithms", kexAlgorithms),
        Map.entry("ciphers", ciphers),
        Map.entry("host_key_algorithms", hostKeyAlgorithms))) {
      if (e.getValue().isEmpty()) {
        throw new IllegalArgumentException("sftpd." + e.getKey() + " must not be empty");
      }
    }
  }

  /** The defaults, listening on {@code bindAddress:port} with host keys in {@code hostKeyDir}. */
  public static SftpdConfig defaults(String bindAddress, int port, Path hostKeyDir) {
    return new SftpdConfig(
        bindAddress,
        port,
        hostKeyDir,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_AUTH_TRIES,
        DEFAULT_MAX_OPEN_HANDLES,
        DEFAULT_KEX,
        DEFAULT_CIPHERS,
        DEFAULT_MACS,
        DEFAULT_HOST_KEY_ALGORITHMS,
        DEFAULT_IO_THREADS);
  }

  /** This config with other algorithm lists; an empty list keeps the current one. */
  public SftpdConfig withAlgorithms(List<String> kex, List<String> ciphers, List<String> macs) {
    return new SftpdConfig(bindAddress, port, hostKeyDir, idleTimeout, maxAuthTries, maxOpenHandles,
        kex.isEmpty() ? kexAlgorithms : kex, ciphers.isEmpty() ? this.ciphers : ciphers,
        macs.isEmpty() ? this.macs : macs, hostKeyAlgorithms, ioThreads);
  }

  /** This config with {@code tries} failed login attempts allowed per connection. */
  public SftpdConfig withMaxAuthTries(int tries) {
    return new SftpdConfig(bindAddress, port, hostKeyDir, idleTimeout, tries, maxOpenHandles,
        kexAlgorithms, ciphers, macs, hostKeyAlgorithms, ioThreads);
  }

  /** This config with {@code threads} I/O threads. */
  public SftpdConfig withIoThreads(int threads) {
    return new SftpdConfig(bindAddress, port, hostKeyDir, idleTimeout, maxAuthTries, maxOpenHandles,
        kexAlgorithms, ciphers, macs, hostKeyAlgorithms, threads);
  }
}
