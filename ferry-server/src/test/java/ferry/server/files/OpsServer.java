package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.Cidr;
import ferry.core.auth.DefenderConfig;
import ferry.server.FerryServer;
import ferry.server.ServerConfig;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
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
 * A test server for the operations routes: HTTP and SFTP on ephemeral ports over H2, loopback
 * trusted as a proxy (so a test can act from another address with X-Forwarded-For), and helpers
 * to add users and open SFTP sessions.
 */
final class OpsServer implements AutoCloseable {
  static final String ADMIN_PASSWORD = "admin-Passw0rd";
  static final String PASSWORD = "user-Passw0rd1";
  static final Duration WAIT = Duration.ofSeconds(20);

  final FerryServer server;
  final V2Client c;
  final Path root;
  private final SshClient ssh;

  OpsServer(Path root) {
    this(root, DefenderConfig.defaults().withThreshold(10_000));
  }

  OpsServer(Path root, DefenderConfig defender) {
    this.root = root;
    ServerConfig cfg = new ServerConfig(root.resolve("data"), "127.0.0.1", 0, true, null, null, null, null, null, 4, 2,
        Duration.ofSeconds(5), List.of(), List.of(), null, 0, ADMIN_PASSWORD, null, defender, "127.0.0.1", 0,
        List.of(), List.of(), List.of(), SftpdConfig.DEFAULT_MAX_AUTH_TRIES, List.of(Cidr.parse("127.0.0.1/32")),
        null, null);
    this.server = FerryServer.start(cfg, new PrintStream(OutputStream.nullOutputStream()));
    this.c = new V2Client(server);
    this.ssh = SshClient.setUpDefaultClient();
    ssh.start();
  }

  /** A bearer token of the first admin. */
  Auth admin() {
    return V2Client.bearer(c.adminToken(V2Client.ADMIN, ADMIN_PASSWORD));
  }

  /** A bearer token of user {@code name}. */
  Auth user(String name) {
    return V2Client.bearer(c.userToken(name, PASSWORD));
  }

  /** A bearer token of a new admin {@code name} holding only {@code permissions} (wire names). */
  Auth adminWith(String name, List<String> permissions) {
    Response r = c.post("/api/v2/admins", admin(), Map.of("username", name, "password", PASSWORD, "status", 1,
        "permissions", permissions));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return V2Client.bearer(c.adminToken(name, PASSWORD));
  }

  /** Adds a user with its own home and all permissions, plus {@code fields}; returns the home. */
  Path addUser(String name, Map<String, Object> fields) {
    Path home;
    try {
      home = Files.createDirectories(root.resolve("homes").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> u = new HashMap<>(Map.of("username", name, "password", PASSWORD, "home_dir",
        home.toString(), "permissions", Map.of("/", List.of("*"))));
    u.putAll(fields);
    Response r = c.post("/v1/adm/users", V2Client.basic(V2Client.ADMIN, ADMIN_PASSWORD), u);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return home;
  }

  /** The user as the admin face shows it (usage included). */
  Response userView(String name) {
    return c.get("/v1/adm/users/" + name, V2Client.basic(V2Client.ADMIN, ADMIN_PASSWORD));
  }

  /** An authenticated SSH session of {@code user}; fails on a refused login. */
  ClientSession sftpLogin(String user, String password) throws IOException {
    ClientSession s = ssh.connect(user, "127.0.0.1", server.sftpPort()).verify(WAIT).getSession();
    try {
      s.addPasswordIdentity(password);
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
  }
}
