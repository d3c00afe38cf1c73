package ferry.sftpd;

import static java.util.Objects.requireNonNull;

import ferry.core.account.UserDirectory;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.status.ServicesStatus;
import ferry.sftpd.crypto.FastCiphers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ferry's SFTP and SCP server: MINA SSHD with Ferry's logins and the Defender in front, and every
 * file operation going through a per-channel {@link ferry.core.session.FileSession}.
 */
public final class SftpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SftpServer.class);
  static final String SFTP = "SFTP";
  static final String SCP = "SCP";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private volatile boolean stopping;

  private final SftpdConfig config;
  private final SshServer sshd;
  private final Defender.Registration banNotices;
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * Builds a server; nothing listens until {@link #start()}.
   *
   * @param config where to listen, host keys, algorithms and limits
   * @param users the accounts that may log in
   * @param defender scores failed logins and refuses banned sources
   * @param sessions opens the file session behind each SFTP channel or SCP command
   * @param passwordChecks the server's pool for password checks, shared with its other protocols
   * @throws IllegalArgumentException if an algorithm name is unknown or not available here
   */
  public SftpServer(
      SftpdConfig config, UserDirectory users, Defender defender, SessionOpener sessions, PasswordChecks passwordChecks) {
    this(config, users, defender, sessions, passwordChecks, SshMetrics.NONE);
  }

  /** As above, telling {@code metrics} of each connection and login. */
  public SftpServer(SftpdConfig config, UserDirectory users, Defender defender, SessionOpener sessions,
      PasswordChecks passwordChecks, SshMetrics metrics) {
    requireNonNull(metrics, "No SSH metrics");
    this.config = requireNonNull(config, "No sftpd config");
    requireNonNull(users, "No user directory");
    requireNonNull(defender, "No defender");
    requireNonNull(sessions, "No session opener");
    requireNonNull(passwordChecks, "No password checks");
    sshd = SshServer.setUpDefaultServer();
    sshd.setIoServiceFactoryFactory(new EventLoopIo(config.ioThreads()));
    sshd.setSessionFactory(new ServerSessions(sshd));
    sshd.setHost(config.bindAddress());
    sshd.setPort(config.port());
    sshd.setKeyExchangeFactories(
        resolve("kex_algorithms", config.kexAlgorithms(), BuiltinDHFactories::fromFactoryName).stream()
            .map(ServerBuilder.DH2KEX)
            .toList());
    // chacha20-poly1305 on Ferry's faster implementation (issue 4: MINA's own reached 0.45x of OpenSSH)
    sshd.setCipherFactories(
        FastCiphers.replacing(
            resolve("ciphers", config.ciphers(), BuiltinCiphers::fromFactoryName).stream()
                .<NamedFactory<Cipher>>map(c -> c)
                .toList()));
    sshd.setMacFactories(resolve("macs", config.macs(), BuiltinMacs::fromFactoryName).stream()
        .<NamedFactory<Mac>>map(m -> m)
        .toList());
    sshd.setSignatureFactories(
        resolve("host_key_algorithms", config.hostKeyAlgorithms(), BuiltinSignatures::fromFactoryName).stream()
            .<NamedFactory<Signature>>map(s -> s)
            .toList());
    CoreModuleProperties.TCP_NODELAY.set(sshd, true);
    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, config.idleTimeout());
    // Only a backstop: LoginAttempts holds each connection to max_auth_tries failures; MINA counts
    // every request, also "none" and the key queries it accepts.
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, 2 * config.maxAuthTries() + 2);
    CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "Ferry");
    SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(sshd, config.maxOpenHandles());

    LoginAttempts attempts = new LoginAttempts(defender, config.maxAuthTries());
    banNotices = defender.onBan(ip -> attempts.banned(ip, sshd.getActiveSessions()));
    LoginCheck logins = new LoginCheck(users, defender, sessions::openSessions, passwordChecks, attempts, metrics);
    sshd.setPasswordAuthenticator(logins);
    sshd.setPublickeyAuthenticator(logins);
    // Advertise only what answers (MINA would add keyboard-interactive), and compress only after
    // login: no zlib for unauthenticated clients (issue 10).
    sshd.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
    sshd.setCompressionFactories(List.of(BuiltinCompressions.none, BuiltinCompressions.delayedZlib));
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setHostBasedAuthenticator(null);
    ConnectionGuard guard = new ConnectionGuard(defender, users, background, metrics);
    sshd.addSessionListener(guard);

    SessionFileSystemProvider provider = new SessionFileSystemProvider();
    sshd.setFileSystemFactory(new SessionFileSystemFactory(provider, sessions, SFTP, this::cutShortCause));
    SftpSubsystemFactory sftp = new DirectSftpSubsystem.Factory();
    sftp.setFileSystemAccessor(new SessionSftpAccessor(background));
    sftp.setErrorStatusDataHandler(new SftpErrors());
    sftp.addSftpEventListener(new HandleTracker(this::cutShortCause));
    sshd.setSubsystemFactories(List.of(sftp));
    sshd.setCommandFactory(
        new ScpCommands(new SessionFileSystemFactory(provider, sessions, SCP, this::cutShortCause), this::cutShortCause));
    sshd.setShellFactory(channel -> new RefusedCommand());
  }

  /**
   * Loads (or at first start generates) the host keys and starts listening.
   *
   * @return the bound port
   * @throws UncheckedIOException if the port cannot be bound or the host keys not written
   */
  public int start() {
    sshd.setKeyPairProvider(HostKeys.load(config.hostKeyDir()));
    try {
      sshd.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen for SFTP on " + config.bindAddress() + ":" + config.port() + ": " + e.getMessage(), e);
    }
    return sshd.getPort();
  }

  /**
   * The host keys' fingerprints as OpenSSH shows them, e.g. {@code ED25519 SHA256:r+7nFz...}, so
   * that users can compare them with what their client prints; once started.
   */
  public List<String> hostKeyFingerprints() {
    return HostKeys.fingerprints(sshd.getKeyPairProvider());
  }

  /** What this server serves and offers, for the admins' status answer; once started. */
  public ServicesStatus.Ssh status() {
    return new ServicesStatus.Ssh(true, config.bindAddress(), sshd.getPort(), HostKeys.status(sshd.getKeyPairProvider()),
        List.of("scp"), List.of("publickey", "password"),
        sshd.getKeyExchangeFactories().stream().map(f -> f.getName()).toList(),
        sshd.getCipherFactories().stream().map(f -> f.getName()).toList(),
        sshd.getMacFactories().stream().map(f -> f.getName()).toList());
  }

  /** The ciphers offered, in order of preference, as the implementations that will run. */
  List<NamedFactory<Cipher>> cipherFactories() {
    return sshd.getCipherFactories();
  }

  /** The bound port, once started. */
  public int port() {
    return sshd.getPort();
  }

  /** The SSH connections open now, logged in or not. */
  public int openConnections() {
    return sshd.getActiveSessions().size();
  }

  /** What ended a session with transfers open, as the transfer record says it (issue 11). */
  private String cutShortCause() {
    return stopping ? "the server shut down" : "the client disconnected";
  }

  /** Stops listening and closes every session (their open uploads are aborted). */
  public void stop() {
    stopping = true;
    banNotices.close();
    try {
      sshd.stop(true);
    } catch (IOException e) {
      log.warn("SFTP server did not stop cleanly: {}", e.toString());
    }
    background.shutdown();
    try {
      // aborts of uploads cut off by the stop run there and must record before the store closes
      if (!background.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("SFTP cleanup still running {} after stop", STOP_GRACE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static <T extends NamedResource & OptionalFeature> List<T> resolve(
      String key, List<String> names, Function<String, T> lookup) {
    List<T> out = new ArrayList<>();
    for (String name : names) {
      T found = lookup.apply(name);
      if (found == null || !found.isSupported()) {
        throw new IllegalArgumentException(
            "sftpd." + key + ": '" + name + "' is " + (found == null ? "unknown" : "not available on this JVM"));
      }
      out.add(found);
    }
    return out;
  }
}
