package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.TestServers;
import ferry.server.agentca.Csrs;
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
 * gets the route's 2xx, and no 2xx answer to A or A's agents ever names anything of B's (nor the
 * other way round). The server is a TLS one, so agent A also calls with its client certificate alone.
 *
 * <p>Probes that would change the shared objects (deleting, patching) run on a fresh object made for
 * each probe ({@code {fresh...}} in the path), so every caller meets the same state. Besides the
 * table: every served /api route must have a row; credentials outside the columns answer as the
 * column they are like; HEAD answers as GET; B's objects answer A as missing ones do; lists show
 * each customer its own.
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
    CERT_A("agent A by client certificate"),
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
  private static final String JOB_BODY = "{\"name\":\"acme-job-{n}\",\"agentId\":\"{agentA}\",\"direction\":\"pull\","
      + "\"schedule\":\"@daily\",\"sourcePath\":\"acme-inbox:/in\",\"destinationPath\":\"/var/acme/in\"}";
  private static final String PIPELINE_BODY = "{\"identifier\":\"acme-pipe-{n}\",\"name\":\"p\",\"yaml\":\""
      + OrchestrationWorld.pipelineYaml("acme") + "\"}";
  private static final String TRANSFER_BODY = "{\"sourceUrl\":\"sftp://files.example.com/in/{n}.csv\","
      + "\"destinationPath\":\"/data/in/{n}.csv\",\"direction\":\"pull\",\"protocol\":\"sftp\"}";

  private static void row(String route, String path, String body, int... expected) {
    if (expected.length != Who.values().length)
      throw new IllegalArgumentException(route + ": " + expected.length + " statuses, not one per caller");
    TABLE.add(new Row(route, path, body, expected));
  }

  static {
    // The table. A/B: customers acme and bolt; adm: admin JWT; key: the CLI's admin key;
    // agA/agB: agent keys of A and B; crtA: agent A by its client certificate alone (so always as agA);
    // none: no credentials; user: a JWT of a non-customer; bad: a forged agent key.
    //  route                                  probe path                            body
    //                                                  A    B    adm  key  agA  agB  crtA none user bad
    row("GET /api/health", "/api/health", null,
                                                        200, 200, 200, 200, 200, 200, 200, 200, 200, 200);
    // the OpenAPI document is public, though credentials sent along are checked as on every route but health
    row("GET /api/openapi.yaml", "/api/openapi.yaml", null,
                                                        200, 200, 200, 200, 200, 200, 200, 200, 403, 401);
    row("GET /api/customers", "/api/customers", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("PUT /api/customers/{username}", "/api/customers/acme", "{}",
                                                        403, 403, 200, 200, 403, 403, 403, 401, 403, 401);
    row("DELETE /api/customers/{username}", "/api/customers/{freshCustomer}", null,
                                                        403, 403, 200, 200, 403, 403, 403, 401, 403, 401);
    // an admin names the customer; a customer only itself (B naming A: as if A did not exist)
    row("POST /api/agents/registration-codes", "/api/agents/registration-codes", "{\"customer\":\"acme\"}",
                                                        201, 404, 201, 201, 403, 403, 403, 401, 403, 401);
    row("POST /api/agents/registration-codes", "/api/agents/registration-codes", "{}",
                                                        201, 201, 400, 400, 403, 403, 403, 401, 403, 401);
    row("POST /api/agents/register", "/api/agents/register",
        "{\"name\":\"acme-reg-{n}\",\"os\":\"linux\",\"customerIdentifier\":\"acme\"}",
                                                        201, 404, 201, 201, 403, 403, 403, 401, 403, 401);
    // a registration code stands for credentials: with others it is a 400, alone a 201
    row("POST /api/agents/register", "/api/agents/register",
        "{\"name\":\"acme-code-{n}\",\"os\":\"linux\",\"registrationCode\":\"{codeA}\"}",
                                                        400, 400, 400, 400, 403, 403, 403, 201, 403, 401);
    // A's code sent with B as the customer: refused like a bad code (401)
    row("POST /api/agents/register", "/api/agents/register",
        "{\"name\":\"acme-code-{n}\",\"os\":\"linux\",\"registrationCode\":\"{codeA}\","
        + "\"customerIdentifier\":\"bolt\"}",
                                                        400, 400, 400, 400, 403, 403, 403, 401, 403, 401);
    // mTLS: the CA is public, though credentials sent along are checked as on every route but health;
    // any agent gets its CSR signed, by key or by its current certificate
    row("GET /api/agents/ca", "/api/agents/ca", null,
                                                        200, 200, 200, 200, 200, 200, 200, 200, 403, 401);
    row("POST /api/agents/certificate", "/api/agents/certificate", "{\"csr\":\"{csr}\"}",
                                                        403, 403, 403, 403, 200, 200, 200, 401, 403, 401);
    row("POST /api/agents/heartbeat", "/api/agents/heartbeat", "{}",
                                                        403, 403, 403, 403, 200, 200, 200, 401, 403, 401);
    row("GET /api/agents", "/api/agents", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    // a customer filter the route does not have changes nothing: still only the caller's own
    row("GET /api/agents", "/api/agents?customer=bolt", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}", "/api/agents/{agentA}", null,
                                                        200, 404, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}", "/api/agents/{agentB}", null,
                                                        404, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}", "/api/agents/00000000-0000-0000-0000-000000000000", null,
                                                        404, 404, 404, 404, 403, 403, 403, 401, 403, 401);
    row("DELETE /api/agents/{id}", "/api/agents/{freshAgentA}", null,
                                                        200, 404, 200, 200, 403, 403, 403, 401, 403, 401);
    row("DELETE /api/agents/{id}", "/api/agents/{freshAgentB}", null,
                                                        404, 200, 200, 200, 403, 403, 403, 401, 403, 401);

    // transfers: agents write their own, people read; another agent's transfer is as unknown as any
    row("POST /api/transfers", "/api/transfers", TRANSFER_BODY,
                                                        403, 403, 403, 403, 201, 201, 201, 401, 403, 401);
    // a retried POST with the id of a stored transfer: the same agent gets it back, another agent a conflict
    row("POST /api/transfers", "/api/transfers", "{\"id\":\"{transferA}\",\"sourceUrl\":\"sftp://h/f\","
        + "\"destinationPath\":\"/in/f\",\"direction\":\"pull\",\"protocol\":\"sftp\"}",
                                                        403, 403, 403, 403, 200, 409, 200, 401, 403, 401);
    row("PATCH /api/transfers/{id}", "/api/transfers/{freshTransferA}", "{\"status\":\"running\"}",
                                                        403, 403, 403, 403, 200, 404, 200, 401, 403, 401);
    row("PATCH /api/transfers/{id}", "/api/transfers/{freshTransferB}", "{\"status\":\"running\"}",
                                                        403, 403, 403, 403, 404, 200, 404, 401, 403, 401);
    row("GET /api/transfers", "/api/transfers", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/transfers", "/api/transfers?customer=bolt", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/transfers", "/api/transfers?agentId={agentB}", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/transfers/{id}", "/api/transfers/{transferA}", null,
                                                        200, 404, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/transfers/{id}", "/api/transfers/{transferB}", null,
                                                        404, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    // what the server moved for a customer's own file-server account (an HTTP upload) is that customer's
    row("GET /api/transfers/{id}", "/api/transfers/{uploadA}", null,
                                                        200, 404, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/transfers/{id}", "/api/transfers/{uploadB}", null,
                                                        404, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}/transfers", "/api/agents/{agentA}/transfers", null,
                                                        200, 404, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/agents/{id}/transfers", "/api/agents/{agentB}/transfers", null,
                                                        404, 200, 200, 200, 403, 403, 403, 401, 403, 401);

    // scheduled jobs: admins write them; a customer reads its own, an agent those assigned to it, and
    // only that agent starts and reports runs and reads the endpoint (with its secrets)
    row("POST /api/jobs", "/api/jobs", JOB_BODY,
                                                        403, 403, 201, 201, 403, 403, 403, 401, 403, 401);
    row("GET /api/jobs", "/api/jobs", null,
                                                        200, 200, 200, 200, 200, 200, 200, 401, 403, 401);
    row("GET /api/jobs", "/api/jobs?customer=bolt", null,
                                                        200, 200, 200, 200, 200, 200, 200, 401, 403, 401);
    row("GET /api/jobs", "/api/jobs?agentId={agentB}", null,
                                                        200, 200, 200, 200, 200, 200, 200, 401, 403, 401);
    row("GET /api/jobs/{id}", "/api/jobs/{jobA}", null,
                                                        200, 404, 200, 200, 200, 404, 200, 401, 403, 401);
    row("GET /api/jobs/{id}", "/api/jobs/{jobB}", null,
                                                        404, 200, 200, 200, 404, 200, 404, 401, 403, 401);
    // A's server job (no agent): A's, but no agent's
    row("GET /api/jobs/{id}", "/api/jobs/{serverJobA}", null,
                                                        200, 404, 200, 200, 404, 404, 404, 401, 403, 401);
    row("PATCH /api/jobs/{id}", "/api/jobs/{jobA}", "{\"enabled\":true}",
                                                        403, 403, 200, 200, 403, 403, 403, 401, 403, 401);
    row("PATCH /api/jobs/{id}", "/api/jobs/{jobB}", "{\"enabled\":true}",
                                                        403, 403, 200, 200, 403, 403, 403, 401, 403, 401);
    row("DELETE /api/jobs/{id}", "/api/jobs/{freshJobA}", null,
                                                        403, 403, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/jobs/{id}/runs", "/api/jobs/{jobA}/runs", null,
                                                        200, 404, 200, 200, 200, 404, 200, 401, 403, 401);
    row("GET /api/jobs/{id}/runs", "/api/jobs/{jobB}/runs", null,
                                                        404, 200, 200, 200, 404, 200, 404, 401, 403, 401);
    row("POST /api/jobs/{id}/runs", "/api/jobs/{jobA}/runs", "{}",
                                                        403, 403, 403, 403, 201, 404, 201, 401, 403, 401);
    row("POST /api/jobs/{id}/runs", "/api/jobs/{jobB}/runs", "{}",
                                                        403, 403, 403, 403, 404, 201, 404, 401, 403, 401);
    // a client run id that B's run has: a conflict for A's agent, not B's run
    row("POST /api/jobs/{id}/runs", "/api/jobs/{jobA}/runs", "{\"id\":\"{runB}\"}",
                                                        403, 403, 403, 403, 409, 404, 409, 401, 403, 401);
    row("PATCH /api/jobs/{id}/runs/{runId}", "/api/jobs/{jobA}/runs/{freshRunA}", "{\"status\":\"completed\"}",
                                                        403, 403, 403, 403, 200, 404, 200, 401, 403, 401);
    row("PATCH /api/jobs/{id}/runs/{runId}", "/api/jobs/{jobB}/runs/{freshRunB}", "{\"status\":\"completed\"}",
                                                        403, 403, 403, 403, 404, 200, 404, 401, 403, 401);
    // B's run under A's job: not a run of that job for anyone
    row("PATCH /api/jobs/{id}/runs/{runId}", "/api/jobs/{jobA}/runs/{runB}", "{\"bytes\":1}",
                                                        403, 403, 403, 403, 404, 404, 404, 401, 403, 401);
    row("GET /api/jobs/{id}/endpoint", "/api/jobs/{jobA}/endpoint", null,
                                                        403, 403, 403, 403, 200, 404, 200, 401, 403, 401);
    row("GET /api/jobs/{id}/endpoint", "/api/jobs/{jobB}/endpoint", null,
                                                        403, 403, 403, 403, 404, 200, 404, 401, 403, 401);
    pipelineRows();
  }

  /**
   * Pipelines (issue 14): admins and customers, each customer its own; agents none. A customer's YAML
   * may name its own user only: B naming A's user is a 400 (as if A did not exist), an admin may.
   */
  private static void pipelineRows() {
    //                                                  A    B    adm  key  agA  agB  crtA none user bad
    row("POST /api/pipelines", "/api/pipelines", PIPELINE_BODY,
                                                        201, 400, 201, 201, 403, 403, 403, 401, 403, 401);
    row("GET /api/pipelines", "/api/pipelines", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    row("GET /api/pipelines/schema", "/api/pipelines/schema", null,
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    // an entry nobody has: every person gets valid:false, 200
    row("POST /api/pipelines/dry-run", "/api/pipelines/dry-run", "{\"yaml\":\"{source: {vfs: nowhere},"
        + " destination: {vfs: nowhere}}\"}",
                                                        200, 200, 200, 200, 403, 403, 403, 401, 403, 401);
    for (String[] own : new String[][] {{"A", "200", "404"}, {"B", "404", "200"}}) {
      int a = Integer.parseInt(own[1]);
      int b = Integer.parseInt(own[2]);
      String p = "/api/pipelines/{pipeline" + own[0] + "}";
      row("GET /api/pipelines/{id}", p, null,            a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("PATCH /api/pipelines/{id}", p, "{\"enabled\":true}",
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("GET /api/pipelines/{id}/yaml", p + "/yaml", null,
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      String user = own[0].equals("A") ? "acme" : "bolt";
      row("PUT /api/pipelines/{id}/yaml", p + "/yaml", "{\"yaml\":\"" + OrchestrationWorld.pipelineYaml(user) + "\"}",
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("GET /api/pipelines/{id}/versions", p + "/versions", null,
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("GET /api/pipelines/{id}/versions/{n}", p + "/versions/1", null,
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("GET /api/pipelines/{id}/runs", p + "/runs", null,
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("POST /api/pipelines/{id}/runs", p + "/runs", null,
                                                        a == 200 ? 201 : a, b == 200 ? 201 : b, 201, 201, 403, 403, 403,
                                                        401, 403, 401);
      row("GET /api/pipelines/{id}/runs/{runId}", p + "/runs/{pipelineRun" + own[0] + "}", null,
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
      row("POST /api/pipelines/{id}/runs/{runId}/cancel", p + "/runs/{pipelineRun" + own[0] + "}/cancel", null,
                                                        a, b, 200, 200, 403, 403, 403, 401, 403, 401);
    }
    // B's run under A's pipeline: no run of that pipeline for anyone
    row("GET /api/pipelines/{id}/runs/{runId}", "/api/pipelines/{pipelineA}/runs/{pipelineRunB}", null,
                                                        404, 404, 404, 404, 403, 403, 403, 401, 403, 401);
    row("DELETE /api/pipelines/{id}", "/api/pipelines/{freshPipelineA}", null,
                                                        200, 404, 200, 200, 403, 403, 403, 401, 403, 401);
  }

  /** Routes whose answer the seed gives another shape than the envelope (their refusals are still enveloped). */
  private static final Set<String> NOT_ENVELOPED = Set.of("GET /api/health", "GET /api/openapi.yaml",
      "GET /api/agents/ca", "GET /api/pipelines/{id}/yaml");

  /** On every /api answer, refusals included (seed 003). */
  private static final List<String> RATE_HEADERS = List.of("X-RateLimit-Limit", "X-RateLimit-Remaining",
      "X-RateLimit-Reset");

  private static final String PW = "Matrix-Passw0rd";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  private static ApiFixture api;
  private static Auth certKeyA;
  private static V2Client c;
  private static TenancyWorld world;

  /** How each caller calls: its credentials, and its client (a client certificate is the HTTPS client's). */
  record Caller(V2Client client, Auth auth) {}

  private static final Map<Who, Caller> CALLERS = new EnumMap<>(Who.class);
  private static final Map<String, Supplier<String>> VALUES = new LinkedHashMap<>();
  private static final AtomicInteger N = new AtomicInteger();
  /** Ids and names of B's shared objects: none may appear in a 2xx answer to A or A's agent. */
  private static final List<String> B_MARKS = new ArrayList<>();
  /** Ids and names of A's shared objects: none may appear in a 2xx answer to B or B's agent. */
  private static final List<String> A_MARKS = new ArrayList<>();

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.startTls(dir);
    c = api.client();
    world = new TenancyWorld(api, dir);
    Auth a = api.customer("acme");
    Auth b = api.customer("bolt");
    world.user("carl", PW);
    CALLERS.put(Who.A, call(a));
    CALLERS.put(Who.B, call(b));
    CALLERS.put(Who.ADMIN, call(api.admin()));
    // the CLI's admin key of the data dir, on /api in X-API-Key like agent keys
    CALLERS.put(Who.ADMIN_KEY, call(new Auth("X-API-Key", TestServers.cliKey(dir.resolve("data")))));
    Auth agentA = api.agent(a, "acme-agent-1");
    Auth agentB = api.agent(b, "bolt-agent-7");
    CALLERS.put(Who.AGENT_A, call(agentA));
    CALLERS.put(Who.AGENT_B, call(agentB));
    CALLERS.put(Who.NONE, call(Auth.NONE));
    certKeyA = agentA;
    enrollCertificateA();
    CALLERS.put(Who.NOT_CUSTOMER, call(V2Client.bearer(c.userToken("carl", PW))));
    CALLERS.put(Who.BAD_KEY, call(new Auth("X-API-Key", "mft_ak_forged0000000000000000000000000000")));
    agentsAndTransfers();
    jobs();
    pipelines();
  }

  /** A's and B's pipelines on their own users' files, a run of each, and fresh pipelines of A's. */
  private static void pipelines() {
    String pipelineA = world.pipeline(auth(Who.A), "acme-pipeline", "acme");
    String pipelineB = world.pipeline(auth(Who.B), "bolt-pipeline", "bolt");
    String runA = world.pipelineRun(auth(Who.A), pipelineA);
    String runB = world.pipelineRun(auth(Who.B), pipelineB);
    A_MARKS.addAll(List.of(pipelineA, "acme-pipeline", runA));
    B_MARKS.addAll(List.of(pipelineB, "bolt-pipeline", runB));
    VALUES.put("pipelineA", () -> pipelineA);
    VALUES.put("pipelineB", () -> pipelineB);
    VALUES.put("pipelineRunA", () -> runA);
    VALUES.put("pipelineRunB", () -> runB);
    VALUES.put("freshPipelineA", () -> world.pipeline(auth(Who.A), "acme-spare-pipe-" + N.incrementAndGet(), "acme"));
  }

  /** A's and B's agents, transfers and uploads, and how to make fresh ones. */
  private static void agentsAndTransfers() {
    Auth a = auth(Who.A);
    Auth b = auth(Who.B);
    Auth agentA = auth(Who.AGENT_A);
    Auth agentB = auth(Who.AGENT_B);
    String idA = api.agentId(agentA);
    String idB = api.agentId(agentB);
    A_MARKS.addAll(List.of(idA, "acme-agent-1", "acme"));
    B_MARKS.addAll(List.of(idB, "bolt-agent-7", "bolt"));
    VALUES.put("agentA", () -> idA);
    VALUES.put("agentB", () -> idB);
    VALUES.put("csr", () -> {
      String json = V2Client.toJson(Csrs.pem(Csrs.ecKey(), "CN=matrix"));
      return json.substring(1, json.length() - 1);
    });
    VALUES.put("n", () -> Integer.toString(N.incrementAndGet()));
    VALUES.put("codeA", () -> world.code("acme"));
    VALUES.put("freshCustomer", () -> {
      String name = "spare-" + N.incrementAndGet();
      api.customer(name);
      return name;
    });
    String transferA = world.transfer(agentA, resolve(TRANSFER_BODY));
    String transferB = world.transfer(agentB, resolve(TRANSFER_BODY));
    A_MARKS.add(transferA);
    B_MARKS.add(transferB);
    VALUES.put("transferA", () -> transferA);
    VALUES.put("transferB", () -> transferB);
    String uploadA = world.upload(a, "acme-upload.csv");
    String uploadB = world.upload(b, "bolt-ledger.csv");
    A_MARKS.addAll(List.of(uploadA, "acme-upload.csv"));
    B_MARKS.addAll(List.of(uploadB, "bolt-ledger.csv"));
    VALUES.put("uploadA", () -> uploadA);
    VALUES.put("uploadB", () -> uploadB);
    VALUES.put("freshTransferA", () -> world.transfer(agentA, resolve(TRANSFER_BODY)));
    VALUES.put("freshTransferB", () -> world.transfer(agentB, resolve(TRANSFER_BODY)));
    VALUES.put("freshAgentA", () -> api.agentId(api.agent(a, "acme-fresh-" + N.incrementAndGet())));
    VALUES.put("freshAgentB", () -> api.agentId(api.agent(b, "bolt-fresh-" + N.incrementAndGet())));
  }

  /** A's and B's jobs on their own VFS Library entries, a server job of A's, a run of each agent job. */
  private static void jobs() {
    Auth agentA = auth(Who.AGENT_A);
    Auth agentB = auth(Who.AGENT_B);
    String idA = VALUES.get("agentA").get();
    String idB = VALUES.get("agentB").get();
    world.folder("acme-inbox");
    world.folder("bolt-inbox");
    String jobA = world.job(Map.of("name", "acme-nightly", "agentId", idA, "direction", "pull", "schedule", "@daily",
        "sourcePath", "acme-inbox:/in", "destinationPath", "/var/acme/in"));
    String jobB = world.job(Map.of("name", "bolt-nightly", "agentId", idB, "direction", "pull", "schedule", "@daily",
        "sourcePath", "bolt-inbox:/in", "destinationPath", "/var/bolt/in"));
    String serverJobA = world.job(Map.of("name", "acme-copy", "customer", "acme", "schedule", "@daily",
        "sourcePath", "acme-inbox:/in", "destinationPath", "acme-inbox:/archive"));
    String runA = world.run(agentA, jobA);
    String runB = world.run(agentB, jobB);
    A_MARKS.addAll(List.of(jobA, "acme-nightly", serverJobA, runA, "acme-inbox"));
    B_MARKS.addAll(List.of(jobB, "bolt-nightly", runB, "bolt-inbox"));
    VALUES.put("jobA", () -> jobA);
    VALUES.put("jobB", () -> jobB);
    VALUES.put("serverJobA", () -> serverJobA);
    VALUES.put("runA", () -> runA);
    VALUES.put("runB", () -> runB);
    VALUES.put("freshJobA", () -> world.job(Map.of("name", "acme-spare-" + N.incrementAndGet(), "agentId", idA,
        "direction", "pull", "schedule", "@daily", "sourcePath", "acme-inbox:/in", "destinationPath", "/var/acme")));
    VALUES.put("freshRunA", () -> world.run(agentA, jobA));
    VALUES.put("freshRunB", () -> world.run(agentB, jobB));
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
    for (Row row : TABLE)
      for (Who w : Who.values()) check(row, w, CALLERS.get(w), w.label, wrong);
    assertThat(wrong).as("route × caller pairs that did not answer as the table says").isEmpty();
  }

  /**
   * Credentials that are no column of the table, each answered on every row exactly as the column
   * it is like: refused as a non-customer (403) or as a bad key (401), or not credentials at all.
   */
  @Test
  void otherCredentialsAreAnsweredLikeTheirColumn() {
    Map<String, Map.Entry<Who, Caller>> others = new LinkedHashMap<>();
    String jobsKey = ApiFixture.expect(c.post("/v1/adm/apikeys", auth(Who.ADMIN_KEY),
        Map.of("name", "matrix-jobs", "scope", "jobs")), 201, "a /v1 jobs key").json().path("key").asText();
    others.put("a /v1 jobs-scoped key", Map.entry(Who.NOT_CUSTOMER, call(new Auth("X-API-Key", jobsKey))));
    String limited = "matrix-viewer";
    ApiFixture.expect(c.post("/api/v2/admins", api.admin(), Map.of("username", limited, "password", PW, "status", 1,
        "permissions", List.of("view_users"))), 201, "admin " + limited);
    others.put("a JWT of an admin without \"*\"",
        Map.entry(Who.NOT_CUSTOMER, call(V2Client.bearer(c.adminToken(limited, PW)))));
    String fileKey = ApiFixture.expect(c.post("/api/v2/apikeys", api.admin(), Map.of("name", "matrix-files",
        "scope", 2, "user", "acme")), 201, "a file-server key").json().path("key").asText();
    others.put("A's file-server key in X-API-Key", Map.entry(Who.BAD_KEY, call(new Auth("X-API-Key", fileKey))));
    others.put("A's file-server key in its own header", Map.entry(Who.NONE, call(V2Client.apiKey(fileKey))));
    Auth deleted = api.agent(auth(Who.A), "acme-deleted");
    ApiFixture.expect(c.delete("/api/agents/" + api.agentId(deleted), auth(Who.A)), 200, "delete an agent");
    others.put("the key of A's deleted agent", Map.entry(Who.BAD_KEY, call(deleted)));
    // a customer that lost the role: its token is a non-customer's, its agent's key no key at all
    Auth former = api.customer("gone");
    Auth formerAgent = api.agent(former, "gone-agent");
    ApiFixture.expect(c.delete("/api/customers/gone", api.admin()), 200, "revoke customer gone");
    others.put("a JWT of a former customer", Map.entry(Who.NOT_CUSTOMER, call(former)));
    others.put("the agent key of a former customer", Map.entry(Who.BAD_KEY, call(formerAgent)));

    Auth adminOut = V2Client.bearer(c.adminToken());
    ApiFixture.expect(c.get("/api/v2/logout", adminOut), 200, "admin logout");
    others.put("an admin JWT after logout", Map.entry(Who.BAD_KEY, call(adminOut)));
    Auth customerOut = V2Client.bearer(c.userToken("acme", ApiFixture.PASSWORD));
    ApiFixture.expect(c.get("/api/v2/user/logout", customerOut), 200, "customer logout");
    others.put("A's JWT after logout", Map.entry(Who.BAD_KEY, call(customerOut)));
    others.put("a JWT that is no JWT", Map.entry(Who.BAD_KEY, call(V2Client.bearer("not.a.token"))));

    // with a client certificate: a key must name the same agent, a bearer token wins, a deleted agent's is refused
    V2Client certA = CALLERS.get(Who.CERT_A).client();
    others.put("agent A's certificate with B's key", Map.entry(Who.BAD_KEY, new Caller(certA, auth(Who.AGENT_B))));
    others.put("agent A's certificate with A's key", Map.entry(Who.AGENT_A, new Caller(certA, auth(Who.AGENT_A))));
    others.put("agent A's certificate with B's JWT", Map.entry(Who.B, new Caller(certA, auth(Who.B))));
    Auth doomed = api.agent(auth(Who.A), "acme-cert-deleted");
    V2Client doomedCert = world.certificateClient(doomed);
    ApiFixture.expect(c.delete("/api/agents/" + api.agentId(doomed), auth(Who.A)), 200, "delete an enrolled agent");
    others.put("the certificate of A's deleted agent", Map.entry(Who.BAD_KEY, new Caller(doomedCert, Auth.NONE)));

    List<String> wrong = new ArrayList<>();
    for (Row row : TABLE)
      others.forEach((label, like) -> check(row, like.getKey(), like.getValue(), label, wrong));
    assertThat(wrong).as("route × credential pairs that did not answer as their column").isEmpty();
  }

  /** Sends {@code row}'s probe as {@code caller}; notes in {@code wrong} where it does not answer as {@code like}. */
  private static void check(Row row, Who like, Caller caller, String label, List<String> wrong) {
    int expected = row.expected(like);
    Response r = send(row, caller);
    if (row.route().equals("POST /api/agents/certificate")) enrollCertificateA();
    String at = String.format("%-58s %-38s", row.name(), label);
    for (String h : RATE_HEADERS)
      if (r.header(h).isEmpty()) wrong.add(at + " " + r.status() + " without " + h);
    if (r.status() != expected) {
      wrong.add(at + " expected " + expected + ", got " + r.status() + " " + abbreviate(r.body()));
      return;
    }
    if (expected < 400 && NOT_ENVELOPED.contains(row.route())) return;
    JsonNode json = json(r.body());
    if (json == null) {
      wrong.add(at + " " + r.status() + " not JSON: " + abbreviate(r.body()));
    } else if (expected >= 400) {
      if (json.path("success").asBoolean(true) || json.path("error").asText("").isBlank())
        wrong.add(at + " " + expected + " without {success:false, error}: " + abbreviate(r.body()));
    } else if (!json.path("success").asBoolean(false)) {
      wrong.add(at + " " + expected + " without success:true: " + abbreviate(r.body()));
    } else {
      List<String> others = like == Who.A || like == Who.AGENT_A || like == Who.CERT_A ? B_MARKS
          : like == Who.B || like == Who.AGENT_B ? A_MARKS : List.of();
      for (String mark : others)
        if (r.body().contains(mark))
          wrong.add(at + " shows the other customer's \"" + mark + "\": " + abbreviate(r.body()));
    }
  }

  /**
   * Where A gets 404 for an object of B's, the answer is the one a missing object gets: the same
   * status and the same words, so nothing tells A that the id exists.
   */
  @Test
  void anotherCustomersObjectIsAnsweredAsAMissingOne() {
    List<String> wrong = new ArrayList<>();
    int compared = 0;
    for (Row row : TABLE) {
      for (Who w : List.of(Who.A, Who.AGENT_A)) {
        if (row.expected(w) != 404) continue;
        for (String name : VALUES.keySet()) {
          String placeholder = "{" + name + "}";
          if (!name.endsWith("B") || name.startsWith("fresh") || !row.path().contains(placeholder)) continue;
          String id = VALUES.get(name).get();
          String missing = java.util.UUID.randomUUID().toString();
          Response theirs = send(row, CALLERS.get(w));
          Response none = send(new Row(row.route(), row.path().replace(placeholder, missing), row.body(),
              row.expected()), CALLERS.get(w));
          String a = theirs.status() + " " + json(theirs.body()).path("error").asText().replace(id, "<id>");
          String b = none.status() + " " + json(none.body()).path("error").asText().replace(missing, "<id>");
          if (!a.equals(b))
            wrong.add(row.name() + " as " + w.label + ": B's answers \"" + a + "\", a missing one's \"" + b + "\"");
          compared++;
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(compared).as("rows compared").isGreaterThanOrEqualTo(4);
  }

  /** A name another customer gave its agent is free for this one: names are per customer, and no 409 tells. */
  @Test
  void agentNamesArePerCustomer() {
    api.agent(auth(Who.B), "edge-01");
    Response r = c.post("/api/agents/register", auth(Who.A), Map.of("name", "edge-01", "os", "linux"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("data").path("agent").path("customer").asText()).isEqualTo("acme");
  }

  /** HEAD runs the GET route: the same status as GET for every caller, and no body. */
  @Test
  void headAnswersAsGet() {
    List<String> wrong = new ArrayList<>();
    for (Row row : TABLE) {
      if (!row.route().startsWith("GET ")) continue;
      for (Who w : Who.values()) {
        Caller caller = CALLERS.get(w);
        Response r = caller.client().send("HEAD", resolve(row.path()), caller.auth(),
            HttpRequest.BodyPublishers.noBody(), null);
        if (r.status() != row.expected(w) || !r.body().isEmpty())
          wrong.add(String.format("HEAD %-58s %-38s expected %d, got %d %s", row.name(), w.label, row.expected(w),
              r.status(), abbreviate(r.body())));
      }
    }
    assertThat(wrong).as("HEAD answers unlike GET").isEmpty();
  }

  /** The lists a customer (and its agent, where it may list) reads: its own objects, none of the other's. */
  @Test
  void aCustomersListsShowItsOwnAndNothingOfTheOther() {
    String agentA = VALUES.get("agentA").get();
    String agentB = VALUES.get("agentB").get();
    // path, then A's objects the list must show
    Map<String, List<String>> lists = new LinkedHashMap<>();
    lists.put("/api/customers", List.of("acme"));
    lists.put("/api/agents?limit=100", List.of(agentA, "acme-agent-1"));
    lists.put("/api/transfers?limit=100", List.of(VALUES.get("transferA").get(), VALUES.get("uploadA").get()));
    lists.put("/api/transfers?limit=100&agentId=" + agentA, List.of(VALUES.get("transferA").get()));
    lists.put("/api/agents/" + agentA + "/transfers?limit=100", List.of(VALUES.get("transferA").get()));
    lists.put("/api/jobs?limit=100", List.of(VALUES.get("jobA").get(), VALUES.get("serverJobA").get()));
    lists.put("/api/jobs?limit=100&agentId=" + agentA, List.of(VALUES.get("jobA").get()));
    lists.put("/api/jobs/" + VALUES.get("jobA").get() + "/runs?limit=100", List.of(VALUES.get("runA").get()));
    lists.put("/api/pipelines?limit=100", List.of(VALUES.get("pipelineA").get(), "acme-pipeline"));
    lists.put("/api/pipelines/" + VALUES.get("pipelineA").get() + "/runs?limit=100",
        List.of(VALUES.get("pipelineRunA").get()));
    for (var e : lists.entrySet()) {
      Response r = c.get(e.getKey(), auth(Who.A));
      assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(200);
      assertThat(e.getValue()).as(e.getKey() + " shows A's own").allMatch(r.body()::contains);
      assertThat(B_MARKS).as(e.getKey() + " shows nothing of B's: " + r.body()).noneMatch(r.body()::contains);
      JsonNode data = r.json().path("data");
      for (JsonNode item : data) {
        if (item.has("customer") && !item.path("customer").isNull())
          assertThat(item.path("customer").asText()).as(e.getKey()).isEqualTo("acme");
      }
      if (r.json().has("pagination"))
        assertThat(r.json().path("pagination").path("total").asLong()).as(e.getKey() + " total counts A's only")
            .isEqualTo(data.size());
    }
    // A's agent lists the jobs assigned to it, and their runs
    Map<String, String> agentLists = Map.of("/api/jobs?limit=100", VALUES.get("jobA").get(),
        "/api/jobs/" + VALUES.get("jobA").get() + "/runs?limit=100", VALUES.get("runA").get());
    agentLists.forEach((path, own) -> {
      Response r = c.get(path, auth(Who.AGENT_A));
      assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
      assertThat(r.body()).as(path).contains(own);
      assertThat(B_MARKS).as(path + " as A's agent: " + r.body()).noneMatch(r.body()::contains);
    });
    assertThat(c.get("/api/jobs?limit=100", auth(Who.AGENT_A)).json().path("data").findValuesAsText("id"))
        .containsExactly(VALUES.get("jobA").get());
    // an agent filter naming B's agent is empty for A, not B's transfers
    for (String path : List.of("/api/transfers?agentId=" + agentB, "/api/jobs?agentId=" + agentB)) {
      Response filtered = c.get(path, auth(Who.A));
      assertThat(filtered.json().path("data")).as(path).isEmpty();
      assertThat(filtered.json().path("pagination").path("total").asLong()).as(path).isZero();
    }
    // and the other way round, B sees none of A's
    for (String path : List.of("/api/agents?limit=100", "/api/transfers?limit=100", "/api/customers",
        "/api/jobs?limit=100", "/api/pipelines?limit=100")) {
      Response r = c.get(path, auth(Who.B));
      assertThat(r.status()).isEqualTo(200);
      assertThat(A_MARKS).as(path + " as B: " + r.body()).noneMatch(r.body()::contains);
    }
    // the admin sees both
    Response all = c.get("/api/transfers?limit=100", auth(Who.ADMIN));
    assertThat(all.body()).contains(VALUES.get("transferA").get(), VALUES.get("transferB").get());
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

  private static Response send(Row row, Caller caller) {
    String method = row.route().substring(0, row.route().indexOf(' '));
    String path = resolve(row.path());
    V2Client client = caller.client();
    if (row.body() == null) return client.send(method, path, caller.auth(), HttpRequest.BodyPublishers.noBody(), null);
    return client.send(method, path, caller.auth(), HttpRequest.BodyPublishers.ofString(resolve(row.body())),
        "application/json");
  }

  /**
   * Gets agent A a certificate for a new CSR (its key) and makes {@link Who#CERT_A} a client that
   * presents it and nothing else. A new certificate replaces the former one.
   */
  private static void enrollCertificateA() {
    CALLERS.put(Who.CERT_A, new Caller(world.certificateClient(certKeyA), Auth.NONE));
  }

  private static Caller call(Auth auth) {
    return new Caller(c, auth);
  }

  private static Auth auth(Who w) {
    return CALLERS.get(w).auth();
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
