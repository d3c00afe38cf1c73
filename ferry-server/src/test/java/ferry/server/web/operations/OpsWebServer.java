package ferry.server.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.ServerConfig;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Response;
import ferry.server.web.WebClient;
import ferry.sftpd.SftpdConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;

/**
 * A server with HTTP and SFTP on ephemeral ports for the console's operations pages, shared by their
 * test classes (a start generates SSH host keys, which is slow on a busy machine); each class uses
 * its own users.
 */
final class OpsWebServer implements AutoCloseable {
  private static OpsWebServer shared;

  /** The one server of this test JVM, started at the first call and stopped at exit. */
  static synchronized OpsWebServer shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("ferry-ops-web");
        shared = new OpsWebServer(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  static final String PASSWORD = "user-Passw0rd1";
  static final Duration WAIT = Duration.ofSeconds(20);
  /**
   * The Defender bans at this score: ten failed logins. Loopback is a trusted proxy, so a test bans
   * another address with X-Forwarded-For; loopback itself fails a login at most once per test run.
   */
  static final int THRESHOLD = 20;

  final FerryServer server;
  final V2Client c;
  final Path root;
  private final SshClient ssh;

  OpsWebServer(Path root) {
    this.root = root;
    ServerConfig cfg = new ServerConfig(root.resolve("data"), "127.0.0.1", 0, true, null, null, null, null, null, 4, 2,
        Duration.ofSeconds(5), List.of(), List.of(), null, 0, TestServers.ADMIN_PASSWORD, null,
        DefenderConfig.defaults().withThreshold(THRESHOLD), "127.0.0.1", 0, List.of(), List.of(), List.of(),
        SftpdConfig.DEFAULT_MAX_AUTH_TRIES, List.of(Cidr.parse("127.0.0.1/32")), null, null);
    this.server = FerryServer.start(cfg, new PrintStream(OutputStream.nullOutputStream()));
    this.c = new V2Client(server);
    this.ssh = SshClient.setUpDefaultClient();
    ssh.start();
  }

  /** The first admin, logged in to the console. */
  WebClient admin() {
    return WebClient.of(server).loginAdmin(V2Client.ADMIN, TestServers.ADMIN_PASSWORD);
  }

  /** A new admin holding only {@code permissions}, logged in to the console. */
  WebClient adminWith(String name, List<String> permissions) {
    Response r = c.post("/api/v2/admins", V2Client.bearer(c.adminToken()), Map.of("username", name, "password",
        PASSWORD, "status", 1, "permissions", permissions));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return WebClient.of(server).loginAdmin(name, PASSWORD);
  }

  /** Adds a user with its own home and all permissions. */
  void addUser(String name) {
    Path home;
    try {
      home = Files.createDirectories(root.resolve("homes").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> u = new HashMap<>(Map.of("username", name, "password", PASSWORD, "home_dir",
        home.toString(), "permissions", Map.of("/", List.of("*"))));
    Response r = c.post("/v1/adm/users", V2Client.basic(V2Client.ADMIN, TestServers.ADMIN_PASSWORD), u);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** An authenticated SSH session of {@code user}. */
  ClientSession sftpLogin(String user) throws IOException {
    ClientSession s = ssh.connect(user, "127.0.0.1", server.sftpPort()).verify(WAIT).getSession();
    try {
      s.addPasswordIdentity(PASSWORD);
      s.auth().verify(WAIT);
      return s;
    } catch (IOException | RuntimeException e) {
      s.close(true);
      throw e;
    }
  }

  /** Waits (polling, bounded) until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) {
    Instant end = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(end)) throw new AssertionError("timed out waiting until " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    ssh.stop();
    server.stop();
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind
    }
  }
}
