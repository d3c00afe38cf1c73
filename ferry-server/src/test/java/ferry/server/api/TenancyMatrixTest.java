package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's tenancy matrix: every served /api route (not /api/v2) and verb × every kind of caller,
 * on objects of customer A ("acme") and of customer B ("bolt"). The rule (contract 13): no or bad
 * credentials 401, the wrong kind of caller 403, another customer's object 404 as if it did not
 * exist; every refusal in the envelope {@code {"success":false,"error":"..."}}. A caller that passes
 * gets the route's 2xx, and no 2xx answer to A or A's agent ever names anything of B's.
 *
 * <p>Probes that would change the shared objects (deleting, patching) run on a fresh object made for
 * each probe ({@code {fresh...}} in the path), so every caller meets the same state.
 */
class TenancyMatrixTest {
  /** The callers, in the order of the table's columns. */
  enum Who {
    A("customer A (JWT)"),
    B("customer B (JWT)"),
    ADMIN("admin (JWT)"),
    ADMIN_KEY("admin API key (the CLI's)"),
    AGENT_A("agent key of A"),
    AGENT_B("agent key of B"),
    NONE("no credentials"),
    NOT_CUSTOMER("user without the customer role (JWT)"),
    BAD_KEY("unknown mft_ak_ key");

    final String label;

    Who(String label) {
      this.label = label;
    }
  }

  /**
   * One probe of a route: {@code path} and {@code body} may hold placeholders ({@code {agentA}},
   * {@code {n}}, ...), resolved anew for every request; {@code expected} has one status per {@link Who}.
   */
  record Row(String route, String path, String body, int[] expected) {
    int expected(Who w) {
      return expected[w.ordinal()];
    }

    String name() {
      return route.equals(route.substring(0, route.indexOf(' ') + 1) + path) ? route : route + "  [" + path + "]";
    }
  }

  private static final List<Row> TABLE = new ArrayList<>();

  private static void row(String route, String path, String body, int... expected) {
    if (expected.length != Who.values().length)
      throw new IllegalArgumentException(route + ": " + expected.length + " statuses for " + Who.values().length + " callers");
    TABLE.add(new Row(route, path, body, expected));
  }

  static {
    // The table. A/B: customers acme and bolt; adm: admin JWT; key: the CLI's admin key;
    // agA/agB: agent keys of A and B; none: no credentials; user: a JWT of a non-customer; bad: a forged agent key.
    //  route                                  probe path                            body
    //                                                                  A    B    adm  key  agA  agB  none user bad
    row("GET /api/health", "/api/health", null,
                                                                       200, 200, 200, 200, 200, 200, 200, 200, 200);
    row("GET /api/customers", "/api/customers", null,
                                                                       200, 200, 200, 200, 403, 403, 401, 403, 401);
    row("PUT /api/customers/{username}", "/api/customers/acme", "{}",
                                                                       403, 403, 200, 200, 403, 403, 401, 403, 401);
    row("DELETE /api/customers/{username}", "/api/customers/{freshCustomer}", null,
                                                                       403, 403, 200, 200, 403, 403, 401, 403, 401);
    // an admin names the customer; a customer only itself (B naming A: as if A did not exist)
    row("POST /api/agents/registration-codes", "/api/agents/registration-codes", "{\"customer\":\"acme\"}",
                                                                       201, 404, 201, 201, 403, 403, 401, 403, 401);
    row("POST /api/agents/registration-codes", "/api/agents/registration-codes", "{}",
                                                                       201, 201, 400, 400, 403, 403, 401, 403, 401);
    row("POST /api/agents/register", "/api/agents/register",
        "{\"name\":\"acme-reg-{n}\",\"os\":\"linux\",\"customerIdentifier\":\"acme\"}",
                                                                       201, 404, 201, 201, 403, 403, 401, 403, 401);
    // a registration code stands for credentials: with others it is a 400, alone a 201
    row("POST /api/agents/register", "/api/agents/register",
        "{\"name\":\"acme-code-{n}\",\"os\":\"linux\",\"registrationCode\":\"{codeA}\"}",
                                                                       400, 400, 400, 400, 403, 403, 201, 403, 401);
    row("POST /api/agents/heartbeat", "/api/agents/heartbeat", "{}",
                                                                       403, 403, 403, 403, 200, 200, 401, 403, 401);
    row("GET /api/agents", "/api/agents", null,
                                                                       200, 200, 200, 200, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}", "/api/agents/{agentA}", null,
                                                                       200, 404, 200, 200, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}", "/api/agents/{agentB}", null,
                                                                       404, 200, 200, 200, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}", "/api/agents/00000000-0000-0000-0000-000000000000", null,
                                                                       404, 404, 404, 404, 403, 403, 401, 403, 401);
    row("DELETE /api/agents/{id}", "/api/agents/{freshAgentA}", null,
                                                                       200, 404, 200, 200, 403, 403, 401, 403, 401);
    row("DELETE /api/agents/{id}", "/api/agents/{freshAgentB}", null,
                                                                       404, 200, 200, 200, 403, 403, 401, 403, 401);
  }

  /** Routes whose answer the seed gives another shape than the envelope (their refusals are still enveloped). */
  private static final Set<String> NOT_ENVELOPED = Set.of("GET /api/health");

  private static final String PW = "Matrix-Passw0rd";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private static ApiFixture api;
  private static V2Client c;
  private static Path homes;
  private static final Map<Who, Auth> AUTH = new EnumMap<>(Who.class);
  private static final Map<String, Supplier<String>> VALUES = new LinkedHashMap<>();
  private static final AtomicInteger N = new AtomicInteger();
  /** Ids and names of B's objects: none may appear in a 2xx answer to A or A's agent. */
  private static final List<String> B_MARKS = new ArrayList<>();
  /** Ids and names of A's shared objects, which A's lists must show (so the B check is not vacuous). */
  private static final List<String> A_MARKS = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    c = api.client();
    homes = dir.resolve("homes");
    Auth a = api.customer("acme");
    Auth b = api.customer("bolt");
    user("carl");
    AUTH.put(Who.A, a);
    AUTH.put(Who.B, b);
    AUTH.put(Who.ADMIN, api.admin());
    AUTH.put(Who.ADMIN_KEY, new Auth(ApiFixture.AGENT_KEY_HEADER, TestServers.cliKey(dir.resolve("data"))));
    Auth agentA = api.agent(a, "acme-agent-1");
    Auth agentB = api.agent(b, "bolt-agent-7");
    AUTH.put(Who.AGENT_A, agentA);
    AUTH.put(Who.AGENT_B, agentB);
    AUTH.put(Who.NONE, Auth.NONE);
    AUTH.put(Who.NOT_CUSTOMER, V2Client.bearer(c.userToken("carl", PW)));
    AUTH.put(Who.BAD_KEY, new Auth(ApiFixture.AGENT_KEY_HEADER, "mft_ak_forged0000000000000000000000000000"));

    String idA = api.agentId(agentA);
    String idB = api.agentId(agentB);
    A_MARKS.addAll(List.of(idA, "acme-agent-1"));
    B_MARKS.addAll(List.of(idB, "bolt-agent-7", "bolt"));
    VALUES.put("agentA", () -> idA);
    VALUES.put("agentB", () -> idB);
    VALUES.put("n", () -> Integer.toString(N.incrementAndGet()));
    VALUES.put("codeA", () -> code("acme"));
    VALUES.put("freshCustomer", () -> {
      String name = "spare-" + N.incrementAndGet();
      api.customer(name);
      return name;
    });
    VALUES.put("freshAgentA", () -> api.agentId(api.agent(a, "acme-fresh-" + N.incrementAndGet())));
    VALUES.put("freshAgentB", () -> api.agentId(api.agent(b, "bolt-fresh-" + N.incrementAndGet())));
  }

  @AfterAll
  static void stop() {
    if (api != null) api.close();
  }

  // ---- the matrix ------------------------------------------------------------------------------

  @Test
  void everyServedRouteIsInTheTable() {
    Set<String> inTable = new TreeSet<>();
    TABLE.forEach(r -> inTable.add(r.route()));
    Set<String> served = served();
    Set<String> missing = new TreeSet<>(served);
    missing.removeAll(inTable);
    assertThat(missing).as("served /api routes without a row in " + getClass().getSimpleName()
        + ": add one per object owner with the status every caller must get").isEmpty();
    Set<String> stale = new TreeSet<>(inTable);
    stale.removeAll(served);
    assertThat(stale).as("rows of the table that the server does not serve").isEmpty();
  }

  @Test
  void onlyTheAllowedCallersPassEachRoute() {
    List<String> wrong = new ArrayList<>();
    for (Row row : TABLE) {
      for (Who w : Who.values()) {
        int expected = row.expected(w);
        Response r = send(row, AUTH.get(w));
        String at = String.format("%-58s %-38s", row.name(), w.label);
        if (r.status() != expected) {
          wrong.add(at + " expected " + expected + ", got " + r.status() + " " + abbreviate(r.body()));
          continue;
        }
        if (expected < 400 && NOT_ENVELOPED.contains(row.route())) continue;
        JsonNode json = json(r.body());
        if (json == null) {
          wrong.add(at + " " + r.status() + " not JSON: " + abbreviate(r.body()));
        } else if (expected >= 400) {
          if (json.path("success").asBoolean(true) || json.path("error").asText("").isBlank())
            wrong.add(at + " " + expected + " without {success:false, error}: " + abbreviate(r.body()));
        } else if (!json.path("success").asBoolean(false)) {
          wrong.add(at + " " + expected + " without success:true: " + abbreviate(r.body()));
        } else if (w == Who.A || w == Who.AGENT_A) {
          for (String mark : B_MARKS)
            if (r.body().contains(mark)) wrong.add(at + " shows B's \"" + mark + "\": " + abbreviate(r.body()));
        }
      }
    }
    assertThat(wrong).as("route × caller pairs that did not answer as the table says").isEmpty();
  }

  @Test
  void aCustomersListsShowItsOwnAndNothingOfTheOther() {
    Response agentsA = c.get("/api/agents?limit=100", AUTH.get(Who.A));
    assertThat(agentsA.status()).as(agentsA.body()).isEqualTo(200);
    assertThat(agentsA.json().path("data").findValuesAsText("customer")).isNotEmpty().allMatch("acme"::equals);
    assertThat(agentsA.json().path("data").findValuesAsText("id")).contains(VALUES.get("agentA").get())
        .doesNotContain(VALUES.get("agentB").get());
    assertThat(agentsA.json().path("data").findValuesAsText("name")).contains("acme-agent-1")
        .noneMatch(n -> n.startsWith("bolt"));
    assertThat(agentsA.json().path("pagination").path("total").asLong())
        .isEqualTo(agentsA.json().path("data").size());

    Response agentsB = c.get("/api/agents?limit=100", AUTH.get(Who.B));
    assertThat(agentsB.json().path("data").findValuesAsText("customer")).isNotEmpty().allMatch("bolt"::equals);
    assertThat(agentsB.body()).doesNotContain(VALUES.get("agentA").get()).doesNotContain("acme");

    Response all = c.get("/api/agents?limit=100", AUTH.get(Who.ADMIN));
    assertThat(all.json().path("data").findValuesAsText("id"))
        .contains(VALUES.get("agentA").get(), VALUES.get("agentB").get());

    Response customersA = c.get("/api/customers", AUTH.get(Who.A));
    assertThat(customersA.json().path("data")).hasSize(1);
    assertThat(customersA.json().path("data").get(0).asText()).isEqualTo("acme");
    assertThat(A_MARKS).allMatch(m -> agentsA.body().contains(m));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Set<String> served() {
    Set<String> out = new TreeSet<>();
    for (String r : api.server().routes()) {
      String method = r.substring(0, r.indexOf(' '));
      String path = r.substring(r.indexOf(' ') + 1);
      boolean orchestration = (path.equals("/api") || path.startsWith("/api/")) && !path.startsWith("/api/v2");
      // request methods only: not HEAD/OPTIONS, nor the before/after handlers the list also holds
      if (orchestration && Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) out.add(r);
    }
    return out;
  }

  private static Response send(Row row, Auth auth) {
    String method = row.route().substring(0, row.route().indexOf(' '));
    String path = resolve(row.path());
    if (row.body() == null) return c.send(method, path, auth, HttpRequest.BodyPublishers.noBody(), null);
    return c.send(method, path, auth, HttpRequest.BodyPublishers.ofString(resolve(row.body())), "application/json");
  }

  private static String resolve(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Supplier<String> v = VALUES.get(m.group(1));
      if (v == null) throw new IllegalArgumentException("no value for {" + m.group(1) + "} in " + template);
      m.appendReplacement(out, Matcher.quoteReplacement(v.get()));
    }
    return m.appendTail(out).toString();
  }

  private static String code(String customer) {
    Response r = ApiFixture.expect(c.post("/api/agents/registration-codes", api.admin(), Map.of("customer", customer)),
        201, "registration code for " + customer);
    return r.json().path("data").path("code").asText();
  }

  private static void user(String name) {
    ApiFixture.expect(c.post("/api/v2/users", api.admin(), Map.of("username", name, "password", PW,
        "home_dir", homes.resolve(name).toString(), "permissions", Map.of("/", List.of("*")))), 201, "user " + name);
  }

  private static JsonNode json(String body) {
    try {
      return V2Client.JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    s = s == null ? "" : s.replace('\n', ' ');
    return s.length() > 160 ? s.substring(0, 160) + "..." : s;
  }
}
