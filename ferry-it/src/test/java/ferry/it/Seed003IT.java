package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 003 (issue 13): the orchestration API text's three curl examples run as its readers copy
 * them, with real {@code curl} against a real {@code ferry serve}, only the host and the tokens
 * substituted (src/test/resources/seed003 holds them unchanged): a customer registers an agent, the
 * agent sends a heartbeat with the key it got, an admin lists the agents. Each answer has the seed's
 * shape. Then what the seed says around them: the rate-limit headers, and the OpenAPI document as a
 * download.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Seed003IT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SEED_HOST = "https://api.mftplus.co.za";
  private static final String SEED_KEY = "mft_ak_xxxxxxxxxxxxxxxxxxxx";
  private static final String CUSTOMER = "acme";
  private static final String CUSTOMER_PW = "Acme-Customer-Passw0rd";

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static String adminToken;
  static String customerToken;
  /** What registration gave the agent. */
  static String agentKey;
  static String agentId;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    api = server.api();
    adminToken = token("/api/v2/token", "admin", FerryProcess.ADMIN_PASSWORD);
    Path home = Files.createDirectories(tmp.resolve("homes").resolve(CUSTOMER));
    Api.Response user = api.callWithHeader("POST", "/api/v2/users", "Authorization", "Bearer " + adminToken,
        JSON.writeValueAsString(Map.of("username", CUSTOMER, "password", CUSTOMER_PW, "status", 1,
            "home_dir", home.toString(), "permissions", Map.of("/", List.of("*")))));
    assertThat(user.status()).as(user.toString()).isEqualTo(201);
    Api.Response grant = api.callWithHeader("PUT", "/api/customers/" + CUSTOMER, "Authorization",
        "Bearer " + adminToken, "{}");
    assertThat(grant.status()).as(grant.toString()).isEqualTo(201);
    customerToken = token("/api/v2/user/token", CUSTOMER, CUSTOMER_PW);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  @Order(1)
  void aCustomerRegistersAnAgent() throws Exception {
    String script = substitute(onThisServer(seed("register-agent.sh")), "<customer-token>", customerToken);
    JsonNode r = run(script);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue();
    JsonNode agent = r.path("data").path("agent");
    soft.assertThat(agent.path("id").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    soft.assertThat(agent.path("name").asText()).isEqualTo("prod-server-1");
    soft.assertThat(agent.path("hostname").asText()).isEqualTo("server1.example.com");
    soft.assertThat(agent.path("os").asText()).isEqualTo("linux");
    soft.assertThat(agent.path("status").asText()).isEqualTo("online");
    soft.assertThat(agent.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    soft.assertThat(agent.path("customer").asText()).isEqualTo(CUSTOMER);
    soft.assertThat(r.path("data").path("apiKey").asText()).startsWith("mft_ak_").hasSizeGreaterThan(20);
    soft.assertThat(r.path("data").path("mtls").path("enabled").asBoolean()).isTrue();
    soft.assertThat(r.path("data").path("mtls").path("csrTemplate").asText()).isNotBlank();
    soft.assertAll();
    agentKey = r.path("data").path("apiKey").asText();
    agentId = agent.path("id").asText();
  }

  @Test
  @Order(2)
  void theAgentSendsAHeartbeatWithItsKey() throws Exception {
    assertThat(agentKey).as("registration ran first").isNotNull();
    JsonNode r = run(substitute(onThisServer(seed("heartbeat.sh")), SEED_KEY, agentKey));
    assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("data").path("id").asText()).isEqualTo(agentId);
    assertThat(r.path("data").path("status").asText()).isEqualTo("online");
    assertThat(r.path("data").path("lastHeartbeat").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  @Order(3)
  void anAdminListsTheAgents() throws Exception {
    JsonNode r = run(substitute(onThisServer(seed("list-agents.sh")), "<admin-token>", adminToken));
    assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("data").isArray()).as(r.toString()).isTrue();
    JsonNode agent = null;
    for (JsonNode a : r.path("data")) if (a.path("id").asText().equals(agentId)) agent = a;
    assertThat(agent).as("the registered agent in %s", r).isNotNull();
    assertThat(agent.path("name").asText()).isEqualTo("prod-server-1");
    assertThat(agent.path("status").asText()).isEqualTo("online");
    JsonNode p = r.path("pagination");
    assertThat(p.path("page").asInt()).as(r.toString()).isEqualTo(1);
    assertThat(p.path("limit").asInt()).isEqualTo(20);
    assertThat(p.path("total").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(p.path("totalPages").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  @Order(4)
  void answersCarryTheSeedsRateLimitHeaders() {
    // the list example again, its headers printed: an admin account gets the seed's 60 a minute
    Launch.Result r = bash("curl -s -D - -o /dev/null " + server.url() + "/api/agents -H \"Authorization: Bearer "
        + adminToken + "\"", dir("headers"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String head = r.out().toLowerCase();
    assertThat(head).as(r.out()).contains("x-ratelimit-limit: 60").contains("x-ratelimit-remaining: ")
        .contains("x-ratelimit-reset: ");
    Launch.Result publicCall = bash("curl -s -D - -o /dev/null " + server.url() + "/api/agents", dir("headers"));
    assertThat(publicCall.out()).as(publicCall.out()).startsWith("HTTP/1.1 401").containsIgnoringCase("x-ratelimit-limit: 10");
  }

  @Test
  @Order(5)
  void theOpenApiDocumentDownloads() throws IOException {
    Path work = dir("openapi");
    Launch.Result r = bash("curl -s -O -J " + server.url() + "/api/openapi.yaml", work);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Path saved = work.resolve("ferry-api.yaml");
    assertThat(saved).as("curl -OJ saved it under the server's file name").exists();
    assertThat(Files.readString(saved)).contains("openapi: 3.1.0").contains("/api/agents/register:");
  }

  // ------------------------------------------------------------------ helpers

  /** Runs an example with bash and reads the one JSON answer it prints. */
  private static JsonNode run(String script) throws IOException {
    Launch.Result r = bash(script, dir("examples"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).as(r.toString()).startsWith("{");
    return JSON.readTree(r.out());
  }

  private static String onThisServer(String example) {
    return substitute(example, SEED_HOST, server.url());
  }

  private static String token(String path, String user, String password) {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Api.Response r = api.callWithHeader("GET", path, "Authorization", "Basic " + basic);
    assertThat(r.status()).as(path + ": " + r).isEqualTo(200);
    return r.json().path("access_token").asText();
  }

  private static String seed(String name) throws IOException {
    try (InputStream in = Seed003IT.class.getResourceAsStream("/seed003/" + name)) {
      assertThat(in).as("seed003/" + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Replaces {@code from}, which must be in {@code text}: the examples change only where meant to. */
  private static String substitute(String text, String from, String to) {
    assertThat(text).contains(from);
    return text.replace(from, to);
  }

  private static Path dir(String name) {
    try {
      return Files.createDirectories(tmp.resolve("work").resolve(name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code script} with bash in {@code workDir}; curl trusts the server's self-signed
   * certificate through CURL_CA_BUNDLE, so the commands keep their exact flags.
   */
  private static Launch.Result bash(String script, Path workDir) {
    try {
      Path out = Files.createTempFile(tmp, "bash", ".out");
      Path err = Files.createTempFile(tmp, "bash", ".err");
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("CURL_CA_BUNDLE", server.certificate().toString());
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError("script did not finish in 60 s:\n" + script);
      }
      return new Launch.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run bash: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
