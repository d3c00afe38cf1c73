package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.api.OrchestrationWorld.Who;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live answers of /api against the OpenAPI 3.1 document the server serves at /api/openapi.yaml:
 * each row of {@link #calls()} must get its status, the document must declare that status for the
 * operation with the rate-limit headers it lists, and a JSON body must fit the declared schema.
 *
 * <p>Rows belong to parts of issue 13. A part in {@link #LANDED} must be served in full; a part not
 * there yet is covered as soon as this build serves it (its probe no longer answers "does not
 * serve"), so rows join as routes land. Add a part to {@link #LANDED} once it is on main.
 */
class OrchestrationOpenApiTest {
  /** Parts on main: every operation of theirs must be served. */
  static final Set<String> LANDED = Set.of("health", "customers", "agents", "transfers", "mtls", "jobs", "pipelines");

  /** The document's paths by the part of issue 13 that serves them. */
  static final Map<String, List<String>> PARTS = Map.of(
      "health", List.of("/api/health", "/api/openapi.yaml"),
      "customers", List.of("/api/customers", "/api/customers/{username}"),
      "agents", List.of("/api/agents/registration-codes", "/api/agents/register", "/api/agents/heartbeat",
          "/api/agents", "/api/agents/{id}"),
      "mtls", List.of("/api/agents/ca", "/api/agents/certificate"),
      "transfers", List.of("/api/transfers", "/api/transfers/{id}", "/api/agents/{id}/transfers"),
      "jobs", List.of("/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/runs", "/api/jobs/{id}/runs/{runId}",
          "/api/jobs/{id}/endpoint"),
      "pipelines", List.of("/api/pipelines", "/api/pipelines/schema", "/api/pipelines/dry-run", "/api/pipelines/{id}",
          "/api/pipelines/{id}/yaml", "/api/pipelines/{id}/versions", "/api/pipelines/{id}/versions/{n}",
          "/api/pipelines/{id}/runs", "/api/pipelines/{id}/runs/{runId}", "/api/pipelines/{id}/runs/{runId}/cancel"));

  /** One request: {@code path} may name {@code {agentId}}, {@code {transferId}}, {@code {jobId}}, {@code {runId}}. */
  record Call(String part, String name, String method, String path, Who who, String body, int status) {
    @Override
    public String toString() {
      return part + ": " + name + ": " + method + " " + path + " as " + who + " -> " + status;
    }
  }

  static ApiFixture api;
  static OrchestrationOpenApi doc;
  static String servedYaml;
  static OrchestrationWorld world;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    Response d = api.client().get("/api/openapi.yaml", Auth.NONE);
    assertThat(d.status()).as(d.body()).isEqualTo(200);
    servedYaml = d.body();
    doc = new OrchestrationOpenApi(servedYaml);
    world = OrchestrationWorld.make(api, dir, "oa", LANDED);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Stream<Call> calls() {
    String register = "{\"name\":\"oa-agent-2\",\"hostname\":\"h2\",\"os\":\"linux\",\"version\":\"0.1.0\"}";
    List<Call> all = List.of(
        new Call("health", "health", "GET", "/api/health", Who.NONE, null, 200),
        new Call("health", "the document", "GET", "/api/openapi.yaml", Who.NONE, null, 200),
        new Call("customers", "customers as admin", "GET", "/api/customers", Who.ADMIN, null, 200),
        new Call("customers", "customers as a customer", "GET", "/api/customers", Who.CUSTOMER, null, 200),
        new Call("customers", "no credentials", "GET", "/api/customers", Who.NONE, null, 401),
        new Call("customers", "grant again", "PUT", "/api/customers/oa-cust", Who.ADMIN, "{}", 200),
        new Call("customers", "grant to nobody", "PUT", "/api/customers/nobody", Who.ADMIN, "{}", 404),
        new Call("customers", "a customer granting", "PUT", "/api/customers/oa-other", Who.CUSTOMER, "{}", 403),
        new Call("customers", "revoke nobody", "DELETE", "/api/customers/nobody", Who.ADMIN, null, 404),
        new Call("agents", "a code by an admin", "POST", "/api/agents/registration-codes", Who.ADMIN,
            "{\"customer\":\"oa-cust\",\"expiresInMinutes\":60}", 201),
        new Call("agents", "a code by a customer", "POST", "/api/agents/registration-codes", Who.CUSTOMER, "{}", 201),
        new Call("agents", "register", "POST", "/api/agents/register", Who.CUSTOMER, register, 201),
        new Call("agents", "register the same name", "POST", "/api/agents/register", Who.CUSTOMER,
            register.replace("oa-agent-2", "oa-agent"), 409),
        new Call("agents", "register with a bad code", "POST", "/api/agents/register", Who.NONE,
            "{\"name\":\"x\",\"hostname\":\"h\",\"os\":\"linux\",\"registrationCode\":\"bogus\"}", 401),
        new Call("agents", "register with an unknown field", "POST", "/api/agents/register", Who.CUSTOMER,
            "{\"name\":\"x\",\"colour\":\"red\"}", 400),
        new Call("agents", "heartbeat", "POST", "/api/agents/heartbeat", Who.AGENT, "{\"status\":\"online\",\"load\":0.45,"
            + "\"memory\":512}", 200),
        new Call("agents", "heartbeat of a person", "POST", "/api/agents/heartbeat", Who.CUSTOMER, "{}", 403),
        new Call("agents", "agents as admin", "GET", "/api/agents", Who.ADMIN, null, 200),
        new Call("agents", "agents as the customer", "GET", "/api/agents?status=online&page=1&limit=5", Who.CUSTOMER,
            null, 200),
        new Call("agents", "a bad limit", "GET", "/api/agents?limit=0", Who.ADMIN, null, 400),
        new Call("agents", "one agent", "GET", "/api/agents/{agentId}", Who.CUSTOMER, null, 200),
        new Call("agents", "another customer's agent", "GET", "/api/agents/{agentId}", Who.OTHER_CUSTOMER, null, 404),
        new Call("agents", "no such agent", "DELETE", "/api/agents/no-such-agent", Who.ADMIN, null, 404),
        new Call("mtls", "the agent CA", "GET", "/api/agents/ca", Who.NONE, null, 200),
        new Call("mtls", "a CSR that is not one", "POST", "/api/agents/certificate", Who.AGENT, "{\"csr\":\"nope\"}", 400),
        new Call("transfers", "record a transfer", "POST", "/api/transfers", Who.AGENT, "{\"sourceUrl\":\"sftp://h/a\","
            + "\"destinationPath\":\"/l/a\",\"direction\":\"push\",\"protocol\":\"sftp\"}", 201),
        new Call("transfers", "transfers as admin", "GET", "/api/transfers", Who.ADMIN, null, 200),
        new Call("transfers", "transfers as the customer", "GET", "/api/transfers?status=pending", Who.CUSTOMER, null,
            200),
        new Call("transfers", "one transfer", "GET", "/api/transfers/{transferId}", Who.CUSTOMER, null, 200),
        new Call("transfers", "another customer's transfer", "GET", "/api/transfers/{transferId}", Who.OTHER_CUSTOMER,
            null, 404),
        new Call("transfers", "progress", "PATCH", "/api/transfers/{transferId}", Who.AGENT,
            "{\"status\":\"running\",\"progress\":45,\"bytesTransferred\":471859,\"speed\":1048576}", 200),
        new Call("transfers", "progress past 100", "PATCH", "/api/transfers/{transferId}", Who.AGENT,
            "{\"progress\":101}", 400),
        new Call("transfers", "an agent's transfers", "GET", "/api/agents/{agentId}/transfers", Who.CUSTOMER, null, 200),
        new Call("jobs", "jobs as admin", "GET", "/api/jobs?enabled=true", Who.ADMIN, null, 200),
        new Call("jobs", "jobs as the agent", "GET", "/api/jobs", Who.AGENT, null, 200),
        new Call("jobs", "one job", "GET", "/api/jobs/{jobId}", Who.CUSTOMER, null, 200),
        new Call("jobs", "another customer's job", "GET", "/api/jobs/{jobId}", Who.OTHER_CUSTOMER, null, 404),
        new Call("jobs", "change a job", "PATCH", "/api/jobs/{jobId}", Who.ADMIN, "{\"enabled\":true}", 200),
        new Call("jobs", "a job by a customer", "POST", "/api/jobs", Who.CUSTOMER, "{}", 403),
        new Call("jobs", "runs", "GET", "/api/jobs/{jobId}/runs", Who.ADMIN, null, 200),
        new Call("jobs", "start a run", "POST", "/api/jobs/{jobId}/runs", Who.AGENT, "{}", 201),
        new Call("jobs", "finish a run", "PATCH", "/api/jobs/{jobId}/runs/{runId}", Who.AGENT,
            "{\"status\":\"completed\",\"bytes\":10,\"files\":1}", 200),
        new Call("jobs", "the endpoint", "GET", "/api/jobs/{jobId}/endpoint", Who.AGENT, null, 200),
        new Call("jobs", "no such job", "DELETE", "/api/jobs/no-such-job", Who.ADMIN, null, 404),
        new Call("pipelines", "create", "POST", "/api/pipelines", Who.CUSTOMER, pipeline("oa-pipe-2"), 201),
        new Call("pipelines", "create a taken identifier", "POST", "/api/pipelines", Who.CUSTOMER,
            pipeline("oa-pipe"), 409),
        new Call("pipelines", "create with a broken YAML", "POST", "/api/pipelines", Who.CUSTOMER,
            "{\"identifier\":\"oa-bad\",\"name\":\"b\",\"yaml\":\"source: [\"}", 400),
        new Call("pipelines", "a pipeline by an agent", "POST", "/api/pipelines", Who.AGENT, pipeline("oa-x"), 403),
        new Call("pipelines", "list", "GET", "/api/pipelines?enabled=true&search=oa&page=1&limit=5", Who.CUSTOMER,
            null, 200),
        new Call("pipelines", "the schema", "GET", "/api/pipelines/schema", Who.ADMIN, null, 200),
        new Call("pipelines", "dry-run", "POST", "/api/pipelines/dry-run", Who.CUSTOMER,
            "{\"yaml\":\"" + OrchestrationWorld.pipelineYaml("oa-cust") + "\"}", 200),
        new Call("pipelines", "dry-run of a broken YAML", "POST", "/api/pipelines/dry-run", Who.CUSTOMER,
            "{\"yaml\":\"steps: 5\"}", 200),
        new Call("pipelines", "one pipeline", "GET", "/api/pipelines/{pipelineId}", Who.CUSTOMER, null, 200),
        new Call("pipelines", "another customer's pipeline", "GET", "/api/pipelines/{pipelineId}",
            Who.OTHER_CUSTOMER, null, 404),
        new Call("pipelines", "export", "GET", "/api/pipelines/{pipelineId}/yaml", Who.CUSTOMER, null, 200),
        new Call("pipelines", "a new version", "PUT", "/api/pipelines/{pipelineId}/yaml", Who.CUSTOMER,
            "{\"yaml\":\"" + OrchestrationWorld.pipelineYaml("oa-cust") + "\"}", 200),
        new Call("pipelines", "change metadata", "PATCH", "/api/pipelines/{pipelineId}", Who.CUSTOMER,
            "{\"description\":\"nightly\",\"enabled\":true}", 200),
        new Call("pipelines", "change the identifier", "PATCH", "/api/pipelines/{pipelineId}", Who.CUSTOMER,
            "{\"identifier\":\"other\"}", 400),
        new Call("pipelines", "versions", "GET", "/api/pipelines/{pipelineId}/versions", Who.CUSTOMER, null, 200),
        new Call("pipelines", "version 1", "GET", "/api/pipelines/{pipelineId}/versions/1", Who.CUSTOMER, null, 200),
        new Call("pipelines", "no version 99", "GET", "/api/pipelines/{pipelineId}/versions/99", Who.CUSTOMER, null,
            404),
        new Call("pipelines", "runs", "GET", "/api/pipelines/{pipelineId}/runs?status=queued", Who.CUSTOMER, null,
            200),
        new Call("pipelines", "start a run", "POST", "/api/pipelines/{pipelineId}/runs", Who.CUSTOMER, null, 201),
        new Call("pipelines", "one run", "GET", "/api/pipelines/{pipelineId}/runs/{pipelineRunId}", Who.CUSTOMER,
            null, 200),
        new Call("pipelines", "cancel a run", "POST", "/api/pipelines/{pipelineId}/runs/{pipelineRunId}/cancel",
            Who.ADMIN, null, 200),
        new Call("pipelines", "no such pipeline", "DELETE", "/api/pipelines/no-such-pipeline", Who.ADMIN, null, 404),
        new Call("none", "unknown path", "GET", "/api/no-such-route", Who.ADMIN, null, 404),
        new Call("none", "unknown path below a known one", "GET", "/api/customers/a/b/c", Who.NONE, null, 404));
    return all.stream().filter(c -> c.part().equals("none") || world.served.contains(c.part()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void liveAnswerMatchesTheDocument(Call call) {
    String path = world.withIds(call.path());
    Response r = send(call.method(), path, call.who(), call.body());
    assertThat(r.status()).as("%s: %s", call, r.body()).isEqualTo(call.status());
    assertThat(r.header("X-RateLimit-Limit")).as("%s: rate-limit headers", call).isPresent();
    Optional<OrchestrationOpenApi.Operation> op = doc.operation(call.method(), URI.create(path).getPath());
    if (op.isEmpty()) { // not a path of the face: the 404 failure envelope
      assertThat(call.status()).as("%s is not in the document, so it must be a 404", call).isEqualTo(404);
      assertThat(doc.validateSchema("Error", r.body())).as(r.body()).isEmpty();
      return;
    }
    OrchestrationOpenApi.Response declared = doc.response(op.get(), r.status()).orElseThrow(() -> new AssertionError(
        call + ": the document declares no " + r.status() + " for " + call.method() + " " + op.get().template()));
    for (String header : doc.headers(declared))
      assertThat(r.header(header)).as("%s: header %s the document declares", call, header).isPresent();
    String type = r.header("Content-Type").orElse("").split(";")[0].strip();
    assertThat(declared.node().path("content").has(type)).as("%s: Content-Type %s declared at %s", call, type,
        declared.pointer()).isTrue();
    if (type.equals("application/json"))
      assertThat(doc.validate(declared, type, r.body())).as("%s: %s does not fit the document", call, r.body())
          .isEmpty();
  }

  @Test
  void everyPathIsInOnePartAndEveryOperationOfALandedPartIsServed() {
    List<String> paths = new ArrayList<>(doc.root().path("paths").propertyNames());
    assertThat(PARTS.values().stream().flatMap(List::stream).toList()).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(paths);
    List<String> unserved = new ArrayList<>();
    PARTS.forEach((part, templates) -> {
      if (!LANDED.contains(part)) return;
      for (String t : templates)
        for (String method : List.of("get", "post", "put", "patch", "delete")) {
          if (!doc.root().path("paths").path(t).has(method)) continue;
          String path = t.replaceAll("\\{[^}]+}", "no-such-name");
          Response r = send(method.toUpperCase(), path, Who.NONE, method.equals("get") || method.equals("delete") ? null : "{}");
          if (unserved(r) || r.status() == 405) unserved.add(method.toUpperCase() + " " + t);
        }
    });
    assertThat(unserved).as("operations of landed parts this server does not serve").isEmpty();
  }

  /** The server names the fields a body takes when it refuses an unknown one: the document must list the same. */
  @Test
  void requestBodiesListExactlyTheFieldsTheServerTakes() {
    List<String> wrong = new ArrayList<>();
    for (OrchestrationBadInputTest.JsonRoute j : OrchestrationBadInputTest.JSON_ROUTES) {
      if (!world.served.contains(j.part())) continue;
      String path = world.withIds(j.target());
      Response r = send(j.method(), path, j.who(), "{\"colour\":\"red\"}");
      Matcher m = Pattern.compile("this request takes (.+)$").matcher(r.json().path("error").asText());
      if (!m.find()) {
        wrong.add(j.route() + ": no list of fields in " + r.body());
        continue;
      }
      Set<String> takes = new java.util.TreeSet<>(List.of(m.group(1).split(", ")));
      OrchestrationOpenApi.Operation op = doc.operation(j.method(), path).orElseThrow();
      String ref = op.node().at("/requestBody/content/application~1json/schema/$ref").asString();
      Set<String> documented = new java.util.TreeSet<>(doc.root().at(ref.substring(1) + "/properties").propertyNames());
      if (!takes.equals(documented)) wrong.add(j.route() + ": the server takes " + takes + ", the document lists " + documented);
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theDocumentIsOpenApi31AndADownload() {
    assertThat(doc.root().path("openapi").asString()).isEqualTo("3.1.0");
    Response r = api.client().get("/api/openapi.yaml", Auth.NONE);
    assertThat(r.header("Content-Type").orElse("")).startsWith("application/yaml");
    assertThat(r.header("Content-Disposition").orElse("")).startsWith("attachment").contains(".yaml");
    assertThat(doc.root().at("/components/securitySchemes/agentCertificate/type").asString()).isEqualTo("mutualTLS");
    assertThat(doc.root().at("/components/securitySchemes/bearerJwt/scheme").asString()).isEqualTo("bearer");
    assertThat(doc.root().at("/components/securitySchemes/agentApiKey/name").asString()).isEqualTo("X-API-Key");
    for (String s : List.of("Agent", "Transfer", "ScheduledJob", "JobRun", "Pagination", "Error"))
      assertThat(doc.root().at("/components/schemas/" + s).isMissingNode()).as(s).isFalse();
  }

  @Test
  void theOracleRejectsBodiesThatBreakTheSchemas() {
    String agent = "{\"id\":\"0f3c\",\"name\":\"a\",\"hostname\":\"h\",\"os\":\"linux\",\"version\":null,\"customer\":\"c\","
        + "\"status\":\"online\",\"load\":null,\"memory\":null,\"heartbeatInterval\":30,\"lastHeartbeat\":null,"
        + "\"createdAt\":\"2026-04-25T13:00:00Z\",\"certificate\":null}";
    assertThat(doc.validateSchema("Agent", agent)).isEmpty();
    assertThat(doc.validateSchema("Agent", agent.replace("\"online\"", "\"asleep\""))).isNotEmpty();
    assertThat(doc.validateSchema("Agent", agent.replace("\"heartbeatInterval\":30,", ""))).isNotEmpty();
    assertThat(doc.validateSchema("Agent", agent.replace("\"certificate\":null", "\"certificate\":{}"))).isNotEmpty();
    assertThat(doc.validateSchema("Error", "{\"success\":false,\"error\":\"x\",\"details\":{\"field\":\"name\"}}"))
        .isEmpty();
    assertThat(doc.validateSchema("Error", "{\"success\":true,\"error\":\"x\"}")).isNotEmpty();
    OrchestrationOpenApi.Operation list = doc.operation("GET", "/api/agents").orElseThrow();
    OrchestrationOpenApi.Response ok = doc.response(list, 200).orElseThrow();
    assertThat(doc.validate(ok, "application/json", "{\"success\":true,\"data\":[" + agent + "],\"pagination\":"
        + "{\"page\":1,\"limit\":20,\"total\":1,\"totalPages\":1}}")).isEmpty();
    assertThat(doc.validate(ok, "application/json", "{\"success\":true,\"data\":[" + agent + "]}")).isNotEmpty();
    assertThat(doc.response(list, 418)).isEmpty();
    assertThat(doc.operation("GET", "/api/agents/abc/transfers").orElseThrow().template())
        .isEqualTo("/api/agents/{id}/transfers");
    assertThat(doc.operation("POST", "/api/agents/heartbeat").orElseThrow().template())
        .isEqualTo("/api/agents/heartbeat");
  }

  @Test
  void everyReferenceResolves() {
    Matcher m = Pattern.compile("\\$ref: '?#(/[^'\\s]+)").matcher(servedYaml);
    int n = 0;
    while (m.find()) {
      n++;
      assertThat(doc.root().at(m.group(1)).isMissingNode()).as("%s resolves", m.group(1)).isFalse();
    }
    assertThat(n).isGreaterThan(10);
  }

  private static String pipeline(String identifier) {
    return "{\"identifier\":\"" + identifier + "\",\"name\":\"p\",\"yaml\":\""
        + OrchestrationWorld.pipelineYaml("oa-cust") + "\"}";
  }

  static Response send(String method, String path, Who who, String body) {
    HttpRequest.Builder b = api.client().request(method, path, world.as(who),
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return api.client().call(b.build());
  }

  static boolean unserved(Response r) {
    return OrchestrationWorld.unserved(r);
  }
}
