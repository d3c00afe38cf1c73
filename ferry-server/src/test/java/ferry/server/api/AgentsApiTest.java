package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import ferry.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent routes of /api: registration both ways, keys, heartbeats, status, tenancy, deletion, input checks. */
class AgentsApiTest {
  static ApiFixture api;
  static Path dataDir;
  static Auth alice;
  static Auth bob;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    dataDir = dir.resolve("data");
    alice = api.customer("alice");
    bob = api.customer("bob");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void aCustomerRegistersAnAgentAndItsKeyIsShownOnce() {
    Response r = api.client().post("/api/agents/register", alice,
        Map.of("name", "prod-1", "hostname", "prod1.example.com", "os", "linux", "version", "0.1.0"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode data = r.json().path("data");
    JsonNode agent = data.path("agent");
    assertThat(agent.path("name").asText()).isEqualTo("prod-1");
    assertThat(agent.path("hostname").asText()).isEqualTo("prod1.example.com");
    assertThat(agent.path("customer").asText()).isEqualTo("alice");
    assertThat(agent.path("status").asText()).isEqualTo("online");
    assertThat(agent.path("heartbeatInterval").asInt()).isEqualTo(30);
    assertThat(agent.path("certificate").isNull()).isTrue();
    assertThat(agent.has("lastHeartbeat")).isTrue();
    String key = data.path("apiKey").asText();
    assertThat(key).startsWith("mft_ak_");
    assertThat(data.path("mtls").path("enabled").asBoolean()).isTrue();
    assertThat(data.path("mtls").path("csrEndpoint").asText()).isEqualTo("/api/agents/certificate");
    assertThat(data.path("mtls").path("csrTemplate").asText()).contains(agent.path("id").asText());

    String id = agent.path("id").asText();
    Response get = api.client().get("/api/agents/" + id, alice);
    assertThat(get.status()).as(get.body()).isEqualTo(200);
    assertThat(get.body()).doesNotContain(key).doesNotContain(key.substring(7));
    assertThat(api.client().get("/api/agents", alice).body()).doesNotContain(key.substring(7));

    Response beat = api.client().post("/api/agents/heartbeat", agentKey(key), Map.of("status", "online"));
    assertThat(beat.status()).as(beat.body()).isEqualTo(200);
    assertThat(beat.json().path("data").path("id").asText()).isEqualTo(id);
  }

  @Test
  void anAdminRegistersForACustomerItNames() {
    Response noCustomer = api.client().post("/api/agents/register", api.admin(), Map.of("name", "a1", "os", "linux"));
    assertThat(noCustomer.status()).as(noCustomer.body()).isEqualTo(400);
    assertThat(field(noCustomer)).isEqualTo("customerIdentifier");

    // a customer registers for itself only; another customer is as unknown as any (tenancy: 404)
    Response forOther = api.client().post("/api/agents/register", alice,
        Map.of("name", "for-bob", "os", "linux", "customerIdentifier", "bob"));
    assertThat(forOther.status()).as(forOther.body()).isEqualTo(404);
    Response forSelf = api.client().post("/api/agents/register", alice,
        Map.of("name", "for-alice", "os", "linux", "customerIdentifier", "alice"));
    assertThat(forSelf.status()).as(forSelf.body()).isEqualTo(201);

    Response r = api.client().post("/api/agents/register", api.admin(),
        Map.of("name", "by-admin", "hostname", "h", "os", "linux", "customerIdentifier", "bob"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("data").path("agent").path("customer").asText()).isEqualTo("bob");
  }

  @Test
  void aRegistrationCodeRegistersWithoutCredentialsOnce() {
    String code = code(api.admin(), Map.of("customer", "alice", "expiresInMinutes", 30));
    Response r = registerWithCode(code, "coded-1", null);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("data").path("agent").path("customer").asText()).isEqualTo("alice");
    Auth key = agentKey(r.json().path("data").path("apiKey").asText());
    assertThat(api.client().post("/api/agents/heartbeat", key, Map.of()).status()).isEqualTo(200);

    Response again = registerWithCode(code, "coded-2", null);
    assertThat(again.status()).as(again.body()).isEqualTo(401);
    assertThat(again.json().path("success").asBoolean(true)).isFalse();
    assertThat(registerWithCode("mft_rc_not-a-code", "coded-3", null).status()).isEqualTo(401);
    assertThat(api.client().post("/api/agents/register", Auth.NONE, Map.of("name", "nothing", "os", "linux"))
        .status()).isEqualTo(401);
  }

  @Test
  void aCustomerMakesCodesForItselfOnly() {
    Response own = api.client().post("/api/agents/registration-codes", bob, Map.of());
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    JsonNode data = own.json().path("data");
    assertThat(data.path("customer").asText()).isEqualTo("bob");
    Instant expires = Instant.parse(data.path("expiresAt").asText());
    assertThat(Duration.between(Instant.now(), expires)).isBetween(Duration.ofMinutes(58), Duration.ofMinutes(61));

    Response other = api.client().post("/api/agents/registration-codes", bob, Map.of("customer", "alice"));
    assertThat(other.status()).as(other.body()).isEqualTo(404);
    Response adminWithout = api.client().post("/api/agents/registration-codes", api.admin(), Map.of());
    assertThat(adminWithout.status()).isEqualTo(400);
    assertThat(field(adminWithout)).isEqualTo("customer");
  }

  @Test
  void aCodeOfAnotherCustomerThanClaimedIsRefusedAndStaysUsable() {
    String code = code(bob, Map.of());
    Response wrong = registerWithCode(code, "claims-alice", "alice");
    assertThat(wrong.status()).as(wrong.body()).isEqualTo(401);
    Response right = registerWithCode(code, "claims-bob", "bob");
    assertThat(right.status()).as(right.body()).isEqualTo(201);
  }

  @Test
  void anExpiredCodeIsRefused() throws SQLException {
    String code = code(api.admin(), Map.of("customer", "alice", "expiresInMinutes", 5));
    try (Connection c = DriverManager.getConnection(Database.embeddedUrl(dataDir), "", "");
        PreparedStatement s = c.prepareStatement("UPDATE agent_registration_codes SET expires_at = ? WHERE customer = 'alice'"
            + " AND used_at IS NULL")) {
      s.setObject(1, java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1));
      assertThat(s.executeUpdate()).isPositive();
    }
    Response r = registerWithCode(code, "too-late", null);
    assertThat(r.status()).as(r.body()).isEqualTo(401);
  }

  @Test
  void concurrentRegistrationsUseACodeOnce() throws Exception {
    String code = code(api.admin(), Map.of("customer", "alice"));
    List<Callable<Integer>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String name = "race-" + i;
      calls.add(() -> registerWithCode(code, name, null).status());
    }
    List<Integer> statuses = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(calls.size())) {
      for (Future<Integer> f : pool.invokeAll(calls)) statuses.add(f.get());
    }
    assertThat(statuses).containsOnly(201, 401);
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
  }

  @Test
  void aDuplicateNameOfTheSameCustomerIsAConflict() {
    api.agent(alice, "twin");
    Response dup = api.client().post("/api/agents/register", alice, Map.of("name", "twin", "os", "linux"));
    assertThat(dup.status()).as(dup.body()).isEqualTo(409);
    // another customer may use the name
    api.agent(bob, "twin");
  }

  @Test
  void aHeartbeatUpdatesWhatTheAgentReports() {
    Auth agent = api.agent(alice, "beating");
    Response r = api.client().post("/api/agents/heartbeat", agent,
        Map.of("status", "online", "load", 0.45, "memory", 512, "version", "0.2.0", "heartbeatInterval", 10));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode a = r.json().path("data");
    assertThat(a.path("load").asDouble()).isEqualTo(0.45);
    assertThat(a.path("memory").asLong()).isEqualTo(512);
    assertThat(a.path("version").asText()).isEqualTo("0.2.0");
    assertThat(a.path("heartbeatInterval").asInt()).isEqualTo(10);
    assertThat(a.path("lastHeartbeat").isTextual()).isTrue();

    JsonNode read = api.client().get("/api/agents/" + a.path("id").asText(), alice).json().path("data");
    assertThat(read.path("memory").asLong()).isEqualTo(512);
    assertThat(read.path("lastHeartbeat").asText()).isEqualTo(a.path("lastHeartbeat").asText());
  }

  @Test
  void anAgentGoesOfflineAfterMissedHeartbeats() {
    Auth carol = api.customer("carol");
    Auth agent = api.agent(carol, "sleepy");
    Response beat = api.client().post("/api/agents/heartbeat", agent, Map.of("heartbeatInterval", 1));
    String id = beat.json().path("data").path("id").asText();
    assertThat(beat.json().path("data").path("status").asText()).isEqualTo("online");
    assertThat(ids(api.client().get("/api/agents?status=online", carol))).contains(id);

    await("agent offline", () -> "offline".equals(
        api.client().get("/api/agents/" + id, carol).json().path("data").path("status").asText()));
    assertThat(ids(api.client().get("/api/agents?status=offline", carol))).containsExactly(id);
    assertThat(ids(api.client().get("/api/agents?status=online", carol))).doesNotContain(id);

    api.client().post("/api/agents/heartbeat", agent, Map.of());
    assertThat(api.client().get("/api/agents/" + id, carol).json().path("data").path("status").asText())
        .isEqualTo("online");
  }

  @Test
  void customersSeeOnlyTheirAgents() {
    Auth dan = api.customer("dan");
    Auth erin = api.customer("erin");
    Auth dansAgent = api.agent(dan, "d1");
    api.agent(erin, "e1");
    String id = api.agentId(dansAgent);

    assertThat(api.client().get("/api/agents/" + id, erin).status()).isEqualTo(404);
    assertThat(api.client().delete("/api/agents/" + id, erin).status()).isEqualTo(404);
    Response erins = api.client().get("/api/agents", erin);
    assertThat(erins.json().path("data").findValuesAsText("customer")).containsOnly("erin");
    assertThat(api.client().get("/api/agents/" + id, api.admin()).status()).isEqualTo(200);
    assertThat(api.client().get("/api/agents?limit=100", api.admin()).json().path("data").findValuesAsText("customer"))
        .contains("dan", "erin");

    assertThat(api.client().get("/api/agents", dansAgent).status()).isEqualTo(403);
    assertThat(api.client().get("/api/agents/" + id, dansAgent).status()).isEqualTo(403);
    assertThat(api.client().post("/api/agents/registration-codes", dansAgent, Map.of()).status()).isEqualTo(403);
    assertThat(api.client().post("/api/agents/heartbeat", dan, Map.of()).status()).isEqualTo(403);
    assertThat(api.client().get("/api/agents", Auth.NONE).status()).isEqualTo(401);
  }

  @Test
  void listsArePaged() {
    Auth fay = api.customer("fay");
    for (int i = 0; i < 3; i++) api.agent(fay, "p" + i);
    Response r = api.client().get("/api/agents?page=2&limit=2", fay);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(ids(r)).hasSize(1);
    JsonNode p = r.json().path("pagination");
    assertThat(p.path("page").asInt()).isEqualTo(2);
    assertThat(p.path("limit").asInt()).isEqualTo(2);
    assertThat(p.path("total").asLong()).isEqualTo(3);
    assertThat(p.path("totalPages").asLong()).isEqualTo(2);
    assertThat(field(api.client().get("/api/agents?limit=101", fay))).isEqualTo("limit");
    assertThat(field(api.client().get("/api/agents?status=sleeping", fay))).isEqualTo("status");
  }

  @Test
  void deletingAnAgentRevokesItsKey() {
    Auth gus = api.customer("gus");
    Auth agent = api.agent(gus, "doomed");
    String id = api.agentId(agent);
    Response del = api.client().delete("/api/agents/" + id, gus);
    assertThat(del.status()).as(del.body()).isEqualTo(200);
    Response after = api.client().post("/api/agents/heartbeat", agent, Map.of());
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.json().path("success").asBoolean(true)).isFalse();
    assertThat(api.client().get("/api/agents/" + id, gus).status()).isEqualTo(404);
    assertThat(api.client().delete("/api/agents/" + id, gus).status()).isEqualTo(404);
    // the name is free again
    api.agent(gus, "doomed");
    assertThat(api.client().post("/api/agents/heartbeat", agentKey("mft_ak_unknown"), Map.of()).status())
        .isEqualTo(401);
  }

  @Test
  void anUnknownAgentKeyCountsTowardTheDefender() {
    Response bad = api.client().post("/api/agents/heartbeat", agentKey("mft_ak_guessed"), Map.of());
    assertThat(bad.status()).isEqualTo(401);
    String host = java.util.HexFormat.of().formatHex("127.0.0.1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Response scored = api.client().get("/api/v2/defender/hosts/" + host, api.admin());
    assertThat(scored.status()).as(scored.body()).isEqualTo(200);
    assertThat(scored.json().path("score").asInt()).isPositive();
  }

  @Test
  void badInputIs400NamingTheField() {
    Map<String, Object> ok = Map.of("name", "valid", "hostname", "h", "os", "linux", "version", "1");
    assertThat(field(register(with(ok, "colour", "blue")))).isEqualTo("colour");
    assertThat(field(register(with(ok, "name", 42)))).isEqualTo("name");
    assertThat(field(register(with(ok, "name", "")))).isEqualTo("name");
    assertThat(field(register(with(ok, "name", "x".repeat(101))))).isEqualTo("name");
    assertThat(field(register(with(ok, "hostname", "h".repeat(256))))).isEqualTo("hostname");
    assertThat(field(register(with(ok, "os", "o".repeat(51))))).isEqualTo("os");
    assertThat(field(register(with(ok, "heartbeatInterval", 0)))).isEqualTo("heartbeatInterval");

    Auth agent = api.agent(alice, "checked");
    assertThat(field(api.client().post("/api/agents/heartbeat", agent, Map.of("load", "high")))).isEqualTo("load");
    assertThat(field(api.client().post("/api/agents/heartbeat", agent, Map.of("load", -1)))).isEqualTo("load");
    assertThat(field(api.client().post("/api/agents/heartbeat", agent, Map.of("memory", 1.5)))).isEqualTo("memory");
    assertThat(field(api.client().post("/api/agents/heartbeat", agent, Map.of("status", "asleep")))).isEqualTo("status");
    assertThat(field(api.client().post("/api/agents/heartbeat", agent, Map.of("cpu", 1)))).isEqualTo("cpu");
    assertThat(field(api.client().post("/api/agents/registration-codes", api.admin(),
        Map.of("customer", "alice", "expiresInMinutes", 0)))).isEqualTo("expiresInMinutes");
    assertThat(field(api.client().post("/api/agents/registration-codes", api.admin(),
        Map.of("customer", "nobody")))).isEqualTo("customer");
    Response notJson = api.client().post("/api/agents/register", alice, "{not json");
    assertThat(notJson.status()).isEqualTo(400);
  }

  private static Response register(Map<String, Object> body) {
    return api.client().post("/api/agents/register", alice, body);
  }

  private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
    Map<String, Object> m = new HashMap<>(base);
    m.put(field, value);
    return m;
  }

  /** details.field of a 400 answer; fails the test for another status. */
  private static String field(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    return r.json().path("details").path("field").asText();
  }

  private static String code(Auth who, Map<String, Object> body) {
    Response r = ApiFixture.expect(api.client().post("/api/agents/registration-codes", who, body), 201, "make a code");
    return r.json().path("data").path("code").asText();
  }

  private static Response registerWithCode(String code, String name, String customer) {
    Map<String, Object> body = new HashMap<>(Map.of("name", name, "hostname", "h", "os", "linux",
        "registrationCode", code));
    if (customer != null) body.put("customerIdentifier", customer);
    return api.client().post("/api/agents/register", Auth.NONE, body);
  }

  private static Auth agentKey(String key) {
    return new Auth(ApiFixture.AGENT_KEY_HEADER, key);
  }

  private static List<String> ids(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("data").findValuesAsText("id");
  }

  private static void await(String what, Supplier<Boolean> condition) {
    Instant end = Instant.now().plusSeconds(20);
    while (!condition.get()) {
      if (Instant.now().isAfter(end)) throw new AssertionError("timed out waiting until " + what);
      try {
        Thread.sleep(100); // polling a condition with a deadline, not a fixed wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
