package ferry.server.api;

import ferry.server.FerryServer;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One test server for the orchestration face (/api): its client, the first admin's token, and
 * customers made on demand (a file-server user given the customer role, with its user token).
 *
 * <pre>{@code
 * static ApiFixture api;
 * @BeforeAll static void start(@TempDir Path dir) { api = ApiFixture.start(dir); }
 * @AfterAll static void stop() { api.close(); }
 * Auth alice = api.customer("alice");
 * Response r = api.client().get("/api/agents", alice);
 * }</pre>
 */
public final class ApiFixture implements AutoCloseable {
  /** The password of every customer this fixture makes. */
  public static final String PASSWORD = "Customer-Passw0rd";

  private final FerryServer server;
  private final V2Client client;
  private final Auth admin;
  private final Path homes;

  private ApiFixture(FerryServer server, Path homes) {
    this(server, new V2Client(server), homes);
  }

  private ApiFixture(FerryServer server, V2Client client, Path homes) {
    this.server = server;
    this.client = client;
    this.admin = V2Client.bearer(client.adminToken());
    this.homes = homes;
  }

  /** Starts a server in {@code dir} (plain HTTP, a Defender that practically never bans). */
  public static ApiFixture start(Path dir) {
    return new ApiFixture(V2Client.startServer(dir), dir.resolve("homes"));
  }

  /** A fixture over a server a test started itself (its own config), with customers' homes in {@code dir}. */
  public static ApiFixture on(FerryServer server, Path dir) {
    return new ApiFixture(server, dir.resolve("homes"));
  }

  /**
   * Starts a server in {@code dir} over HTTPS with its generated certificate (in {@link
   * #serverCert}), which the fixture's client trusts; the listener asks for agent client certificates.
   */
  public static ApiFixture startTls(Path dir) {
    Path data = dir.resolve("data");
    FerryServer server = ferry.server.TestServers.start(ferry.server.TestServers.config(data, false, List.of(),
        ferry.core.auth.DefenderConfig.defaults().withThreshold(10_000)));
    return new ApiFixture(server, new V2Client(server.url(), TlsClients.trusting(serverCert(dir))), dir.resolve("homes"));
  }

  /** The generated server certificate of a {@link #startTls} server in {@code dir}. */
  public static Path serverCert(Path dir) {
    return dir.resolve("data").resolve("tls").resolve("server-cert.pem");
  }

  public FerryServer server() {
    return server;
  }

  public V2Client client() {
    return client;
  }

  /** The first admin's bearer token. */
  public Auth admin() {
    return admin;
  }

  /**
   * Makes file-server user {@code name} (local home, full permissions) a customer and returns its
   * bearer token; fails the test when any step is refused.
   */
  public Auth customer(String name) {
    Response u = client.post("/api/v2/users", admin, Map.of("username", name, "password", PASSWORD,
        "home_dir", homes.resolve(name).toString(), "permissions", Map.of("/", List.of("*"))));
    expect(u, 201, "create user " + name);
    expect(client.put("/api/customers/" + name, admin, Map.of()), 201, "grant customer " + name);
    return V2Client.bearer(client.userToken(name, PASSWORD));
  }

  /** The header an agent sends its {@code mft_ak_} key in. */
  public static final String AGENT_KEY_HEADER = "X-API-Key";

  /**
   * Registers agent {@code name} of the customer whose token is {@code customer} and returns its key
   * as an {@link Auth}; fails the test unless the server answers 201.
   */
  public Auth agent(Auth customer, String name) {
    Response r = expect(client.post("/api/agents/register", customer,
        Map.of("name", name, "hostname", name + ".example.com", "os", "linux", "version", "0.1.0")),
        201, "register agent " + name);
    return new Auth(AGENT_KEY_HEADER, r.json().path("data").path("apiKey").asText());
  }

  /** The id of the agent whose key is {@code agent} (from its heartbeat answer). */
  public String agentId(Auth agent) {
    return expect(client.post("/api/agents/heartbeat", agent, Map.of()), 200, "heartbeat")
        .json().path("data").path("id").asText();
  }

  /** Fails the test unless {@code r} has {@code status}. */
  public static Response expect(Response r, int status, String what) {
    if (r.status() != status)
      throw new AssertionError(what + ": expected " + status + ", got " + r.status() + " " + r.body());
    return r;
  }

  @Override
  public void close() {
    server.close();
  }
}
