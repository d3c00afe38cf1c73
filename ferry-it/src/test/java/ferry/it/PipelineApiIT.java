package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.Api;
import ferry.it.support.Curl;
import ferry.it.support.FerryProcess;
import ferry.it.support.LibraryEntries;
import ferry.it.support.Pipelines;
import ferry.it.support.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: every pipeline endpoint of seed 003 with real {@code curl} against a real {@code ferry
 * serve}, as an admin and as a customer (tokens as the seed gets them), answering the seed's shapes;
 * dry-run errors at the user's line; unknown names refused by name; bad YAML a 400, never a 500.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineApiIT {
  private static final String CUSTOMER = "acme-pipes";
  private static final String CUSTOMER_PW = "Acme-Pipes-Passw0rd";
  private static final String ISO = "\\d{4}-\\d\\d-\\d\\dT.*Z";

  /** A valid pipeline: the CSV files of api-in, gzipped, into api-out. */
  private static final String GZIP_CSV = """
      source:
        vfs: api-in
        path: /
        pattern: "*.csv"
      steps:
        - type: gzip
      destination:
        vfs: api-out
        path: /gz
      """;

  /** Line 7 holds the mistake: a size that is none. */
  private static final String LINE_7 = """
      # nightly invoices
      source:
        vfs: api-in
        path: /
        pattern: "*.csv"
        recursive: false
        min_size: lots
      destination:
        vfs: api-out
      """;

  @TempDir static Path tmp;
  static FerryProcess server;
  static Curl curl;
  static String admin;
  static String customer;
  static Path in;
  static Path out;
  /** The admin's pipeline and the customer's, made by the create test. */
  static String adminPipeline;
  static String customerPipeline;
  static String runId;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data")).unthrottled();
    curl = new Curl(server, Files.createDirectories(tmp.resolve("curl")));
    Api api = server.api();
    admin = token(api, "/api/v2/token", "admin", FerryProcess.ADMIN_PASSWORD);
    Path home = Files.createDirectories(tmp.resolve("homes").resolve(CUSTOMER));
    Files.writeString(Files.createDirectories(home.resolve("out")).resolve("hello.txt"), "hello\n");
    status(curl.call("POST", "/api/v2/users", admin, Pipelines.json(Map.of("username", CUSTOMER, "password", CUSTOMER_PW,
        "status", 1, "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))))), 201);
    status(curl.call("PUT", "/api/customers/" + CUSTOMER, admin, "{}"), 201);
    customer = token(api, "/api/v2/user/token", CUSTOMER, CUSTOMER_PW);
    in = Files.createDirectories(tmp.resolve("api-in"));
    out = Files.createDirectories(tmp.resolve("api-out"));
    Files.writeString(in.resolve("a.csv"), "id,amount\n1,10\n");
    Files.writeString(in.resolve("notes.txt"), "not a csv\n");
    LibraryEntries.add(server, LibraryEntries.local("api-in", in));
    LibraryEntries.add(server, LibraryEntries.local("api-out", out));
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  @Order(1)
  void theSchemaIsServedAsAJsonObject() {
    JsonNode schema = ok(curl.call("GET", "/api/pipelines/schema", customer, null), 200);
    assertThat(schema.isObject()).as(schema.toString()).isTrue();
    assertThat(schema.path("properties").has("source")).as(schema.toString()).isTrue();
    assertThat(schema.path("properties").has("steps")).isTrue();
    assertThat(schema.path("properties").has("trigger")).isTrue();
  }

  @Test
  @Order(2)
  void dryRunDescribesAValidPipelineAndSimulatesItsPickUp() {
    JsonNode d = ok(curl.call("POST", "/api/pipelines/dry-run", admin,
        Pipelines.json(Map.of("yaml", GZIP_CSV, "simulate", true))), 200);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(d.path("valid").asBoolean()).as(d.toString()).isTrue();
    soft.assertThat(d.path("errors").size()).isZero();
    soft.assertThat(d.path("trigger").toString()).contains("manual");
    soft.assertThat(d.path("steps").toString()).contains("gzip");
    soft.assertThat(d.path("destinations").size()).isEqualTo(1);
    soft.assertThat(d.path("files").size()).as("only a.csv matches *.csv: " + d).isEqualTo(1);
    soft.assertThat(d.path("files").path(0).path("path").asText()).endsWith("a.csv");
    soft.assertThat(d.path("files").path(0).path("size").asLong()).isEqualTo(15);
    soft.assertAll();
    assertThat(in.resolve("a.csv")).as("a simulation moves nothing").exists();
  }

  @Test
  @Order(3)
  void aMistakeInLineSevenIsReportedAtLineSevenNamingTheField() {
    JsonNode d = ok(curl.call("POST", "/api/pipelines/dry-run", admin, Pipelines.json(Map.of("yaml", LINE_7))), 200);
    assertThat(d.path("valid").asBoolean()).as(d.toString()).isFalse();
    JsonNode e = d.path("errors").path(0);
    assertThat(e.path("line").asInt()).as(d.toString()).isEqualTo(7);
    assertThat(e.path("column").asInt()).as(d.toString()).isPositive();
    assertThat(e.path("path").asText() + " " + e.path("message").asText()).as(d.toString()).contains("min_size");
    // create refuses what dry-run refuses, with the same place
    Curl.Answer refused = curl.call("POST", "/api/pipelines", admin, create("line-seven", LINE_7));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    JsonNode body = refused.json();
    assertThat(body.path("success").asBoolean()).isFalse();
    assertThat(body.path("error").asText()).as(refused.toString()).contains("min_size");
    assertThat(body.path("details").path("field").asText()).isEqualTo("yaml");
    assertThat(body.path("details").path("line").asInt()).as(refused.toString()).isEqualTo(7);
    assertThat(body.path("details").path("problems").size()).isPositive();
  }

  @Test
  @Order(4)
  void aPipelineNamingAnUnknownEntryIsRefusedWithItsName() {
    String yaml = GZIP_CSV.replace("vfs: api-out", "vfs: no-such-entry");
    JsonNode d = ok(curl.call("POST", "/api/pipelines/dry-run", admin, Pipelines.json(Map.of("yaml", yaml))), 200);
    assertThat(d.path("valid").asBoolean()).isFalse();
    assertThat(d.path("errors").toString()).contains("no-such-entry");
    Curl.Answer refused = curl.call("POST", "/api/pipelines", admin, create("unknown-entry", yaml));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).contains("no-such-entry");
    // a customer may not name the admin's entries: the same answer as a missing one
    Curl.Answer theirs = curl.call("POST", "/api/pipelines", customer, create("not-mine", GZIP_CSV));
    assertThat(theirs.status()).as(theirs.toString()).isEqualTo(400);
    assertThat(theirs.json().path("error").asText()).contains("api-in");
  }

  @Test
  @Order(5)
  void badYamlIsA400WithAMessageNeverA500() {
    String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    Map<String, String> bad = Map.of(
        "malformed", "source: [vfs: api-in\nsteps: {\n",
        "bomb", bomb,
        "huge", "# " + "x".repeat(5 * 1024 * 1024) + "\n" + GZIP_CSV,
        "unknown step", GZIP_CSV.replace("type: gzip", "type: teleport"),
        "escaping rename", GZIP_CSV.replace("  - type: gzip", "  - type: rename\n    template: \"../../{name}\""));
    for (Map.Entry<String, String> e : bad.entrySet()) {
      Curl.Answer a = curl.call("POST", "/api/pipelines", admin, create("bad-" + e.getKey().replace(' ', '-'), e.getValue()));
      assertThat(a.status()).as(e.getKey() + ": " + a.toString().substring(0, Math.min(500, a.toString().length())))
          .isIn(400, 413);
      assertThat(a.json().path("success").asBoolean()).isFalse();
      assertThat(a.json().path("error").asText()).as(e.getKey()).isNotBlank().doesNotContain("Exception");
    }
    assertThat(ok(curl.call("POST", "/api/pipelines/dry-run", admin, Pipelines.json(Map.of("yaml",
        GZIP_CSV.replace("type: gzip", "type: teleport")))), 200).path("errors").toString()).contains("teleport");
  }

  @Test
  @Order(10)
  void adminAndCustomerCreateTheirPipelines() {
    JsonNode v = ok(curl.call("POST", "/api/pipelines", admin, Pipelines.json(Map.of("identifier", "gzip-csv",
        "name", "Gzip the CSV files", "description", "api-in to api-out", "yaml", GZIP_CSV))), 201);
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(v.path("id").asText()).isNotBlank();
    soft.assertThat(v.path("identifier").asText()).isEqualTo("gzip-csv");
    soft.assertThat(v.path("name").asText()).isEqualTo("Gzip the CSV files");
    soft.assertThat(v.path("description").asText()).isEqualTo("api-in to api-out");
    soft.assertThat(v.path("enabled").asBoolean()).isTrue();
    soft.assertThat(v.path("version").asInt()).isEqualTo(1);
    soft.assertThat(v.path("trigger").asText()).isEqualTo("manual");
    soft.assertThat(v.path("customer").isNull()).as(v.toString()).isTrue();
    soft.assertThat(v.path("createdBy").asText()).isEqualTo("admin");
    soft.assertThat(v.path("createdAt").asText()).matches(ISO);
    soft.assertThat(v.path("updatedAt").asText()).matches(ISO);
    soft.assertThat(v.has("lastRun") && v.path("lastRun").isNull()).as(v.toString()).isTrue();
    soft.assertAll();
    adminPipeline = v.path("id").asText();

    Curl.Answer twice = curl.call("POST", "/api/pipelines", admin, create("gzip-csv", GZIP_CSV));
    assertThat(twice.status()).as(twice.toString()).isEqualTo(409);
    assertThat(twice.json().path("error").asText()).contains("gzip-csv");

    String own = """
        source:
          user: %s
          path: /out
        destination:
          user: %s
          path: /sent
        """.formatted(CUSTOMER, CUSTOMER);
    JsonNode c = ok(curl.call("POST", "/api/pipelines", customer, create("gzip-csv", own)), 201);
    assertThat(c.path("customer").asText()).as("identifiers are unique per owner").isEqualTo(CUSTOMER);
    customerPipeline = c.path("id").asText();
  }

  @Test
  @Order(11)
  void listsArePagedAndACustomerSeesOnlyItsOwn() {
    Curl.Answer all = curl.call("GET", "/api/pipelines?page=1&limit=1", admin, null);
    JsonNode body = all.json();
    assertThat(body.path("success").asBoolean()).as(all.toString()).isTrue();
    assertThat(body.path("data").size()).isEqualTo(1);
    JsonNode p = body.path("pagination");
    assertThat(p.path("page").asInt()).isEqualTo(1);
    assertThat(p.path("limit").asInt()).isEqualTo(1);
    assertThat(p.path("total").asInt()).isEqualTo(2);
    assertThat(p.path("totalPages").asInt()).isEqualTo(2);
    assertThat(all.header("X-RateLimit-Limit")).isNotNull();

    JsonNode mine = ok(curl.call("GET", "/api/pipelines", customer, null), 200);
    assertThat(mine.findValuesAsText("id")).containsExactly(customerPipeline);
    JsonNode searched = ok(curl.call("GET", "/api/pipelines?search=Gzip%20the&enabled=true", admin, null), 200);
    assertThat(searched.findValuesAsText("id")).containsExactly(adminPipeline);
    assertThat(ok(curl.call("GET", "/api/pipelines?enabled=false", admin, null), 200).size()).isZero();

    assertThat(ok(curl.call("GET", "/api/pipelines/" + adminPipeline, admin, null), 200).path("identifier").asText())
        .isEqualTo("gzip-csv");
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline, customer, null).status()).isEqualTo(404);
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline + "/runs", customer, null).status()).isEqualTo(404);
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline + "/versions", customer, null).status()).isEqualTo(404);
    assertThat(curl.call("GET", "/api/pipelines", null, null).status()).isEqualTo(401);
  }

  @Test
  @Order(12)
  void theYamlExportsAndEachChangeIsANewVersion() throws Exception {
    Curl.Answer export = curl.call("GET", "/api/pipelines/" + adminPipeline + "/yaml", admin, null);
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.header("Content-Type")).startsWith("application/yaml");
    assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"gzip-csv.yaml\"");
    assertThat(export.body()).isEqualTo(GZIP_CSV);

    String v2 = "# version 2: raw YAML\n" + GZIP_CSV;
    JsonNode raw = ok(curl.call("PUT", "/api/pipelines/" + adminPipeline + "/yaml", admin, v2, "application/yaml"), 200);
    assertThat(raw.path("version").asInt()).isEqualTo(2);
    String v3 = "# version 3: JSON\n" + GZIP_CSV;
    assertThat(ok(curl.call("PUT", "/api/pipelines/" + adminPipeline + "/yaml", admin,
        Pipelines.json(Map.of("yaml", v3))), 200).path("version").asInt()).isEqualTo(3);
    Curl.Answer bad = curl.call("PUT", "/api/pipelines/" + adminPipeline + "/yaml", admin, LINE_7, "application/yaml");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.json().path("details").path("line").asInt()).isEqualTo(7);

    JsonNode versions = ok(curl.call("GET", "/api/pipelines/" + adminPipeline + "/versions", admin, null), 200);
    assertThat(versions.findValuesAsText("version")).containsExactlyInAnyOrder("1", "2", "3");
    for (JsonNode v : versions) {
      assertThat(v.path("current").asBoolean()).as(v.toString()).isEqualTo(v.path("version").asInt() == 3);
      assertThat(v.path("createdBy").asText()).isEqualTo("admin");
      assertThat(v.path("createdAt").asText()).matches(ISO);
    }
    JsonNode first = ok(curl.call("GET", "/api/pipelines/" + adminPipeline + "/versions/1", admin, null), 200);
    assertThat(first.path("yaml").asText()).isEqualTo(GZIP_CSV);
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline + "/versions/9", admin, null).status()).isEqualTo(404);
    // curl -OJ saves the export under the server's file name
    Path dir = Files.createDirectories(tmp.resolve("export"));
    ferry.it.support.Launch.Result saved = ferry.it.support.Shell.run(List.of("sh", "-c", "cd " + dir + " && curl -sS -O -J "
        + "--cacert " + server.certificate() + " -H 'Authorization: Bearer " + admin + "' " + server.url()
        + "/api/pipelines/" + adminPipeline + "/yaml"));
    assertThat(saved.exitCode()).as(saved.toString()).isZero();
    assertThat(Files.readString(dir.resolve("gzip-csv.yaml"))).isEqualTo(v3);
  }

  @Test
  @Order(13)
  void metadataPatchesAndADisabledPipelineDoesNotStart() {
    JsonNode v = ok(curl.call("PATCH", "/api/pipelines/" + adminPipeline, admin,
        "{\"name\":\"Gzip CSV\",\"description\":\"renamed\",\"enabled\":false}"), 200);
    assertThat(v.path("name").asText()).isEqualTo("Gzip CSV");
    assertThat(v.path("description").asText()).isEqualTo("renamed");
    assertThat(v.path("enabled").asBoolean()).isFalse();
    assertThat(v.path("version").asInt()).as("metadata is no new version").isEqualTo(3);
    Curl.Answer identifier = curl.call("PATCH", "/api/pipelines/" + adminPipeline, admin, "{\"identifier\":\"other\"}");
    assertThat(identifier.status()).as(identifier.toString()).isEqualTo(400);
    assertThat(identifier.json().path("error").asText()).contains("identifier");
    Curl.Answer disabled = curl.call("POST", "/api/pipelines/" + adminPipeline + "/runs", admin, "{}");
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(409);
    ok(curl.call("PATCH", "/api/pipelines/" + adminPipeline, admin, "{\"enabled\":true}"), 200);
  }

  @Test
  @Order(14)
  void aRunStartsEndsAndShowsItsStepsAndFiles() {
    JsonNode queued = ok(curl.call("POST", "/api/pipelines/" + adminPipeline + "/runs", admin, "{}"), 201);
    runId = queued.path("id").asText();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(queued.path("pipelineId").asText()).isEqualTo(adminPipeline);
    soft.assertThat(queued.path("version").asInt()).isEqualTo(3);
    soft.assertThat(queued.path("status").asText()).isIn("queued", "running", "completed");
    soft.assertThat(queued.path("trigger").asText()).isEqualTo("manual");
    soft.assertThat(queued.path("triggeredBy").asText()).isEqualTo("admin");
    soft.assertThat(queued.path("createdAt").asText()).matches(ISO);
    for (String field : List.of("node", "error", "bytesIn", "bytesOut", "files", "startedAt", "endedAt"))
      soft.assertThat(queued.has(field)).as("run view has " + field + ": " + queued).isTrue();
    soft.assertAll();

    JsonNode run = Waits.until("run " + runId + " to end", Duration.ofSeconds(60), () -> {
      JsonNode r = ok(curl.call("GET", "/api/pipelines/" + adminPipeline + "/runs/" + runId, admin, null), 200);
      return Pipelines.isFinal(r) ? r : null;
    });
    assertThat(run.path("status").asText()).as(Pipelines.describe(run)).isEqualTo("completed");
    assertThat(run.path("files").asInt()).isEqualTo(1);
    assertThat(run.path("endedAt").asText()).matches(ISO);
    assertThat(run.path("steps").findValuesAsText("type")).contains("source", "gzip", "deliver");
    for (JsonNode s : run.path("steps")) {
      assertThat(s.path("status").asText()).as(Pipelines.describe(run)).isEqualTo("completed");
      for (String field : List.of("index", "attempts", "filesIn", "filesOut", "bytesIn", "bytesOut", "error", "log",
          "startedAt", "endedAt"))
        assertThat(s.has(field)).as("step has " + field + ": " + s).isTrue();
    }
    JsonNode file = run.path("deliveredFiles").path(0);
    assertThat(file.path("destination").asText()).as(run.toString()).endsWith("a.csv.gz");
    assertThat(file.path("sha256").asText()).hasSize(64);
    assertThat(file.path("transferId").isNull()).as(file.toString()).isFalse();
    assertThat(out.resolve("gz/a.csv.gz")).exists();

    JsonNode runs = ok(curl.call("GET", "/api/pipelines/" + adminPipeline + "/runs?status=completed&page=1&limit=10",
        admin, null), 200);
    assertThat(runs.findValuesAsText("id")).contains(runId);
    assertThat(ok(curl.call("GET", "/api/pipelines/" + adminPipeline + "/runs?status=failed", admin, null), 200).size())
        .isZero();
    JsonNode view = ok(curl.call("GET", "/api/pipelines/" + adminPipeline, admin, null), 200);
    assertThat(view.path("lastRun").path("id").asText()).isEqualTo(runId);
    assertThat(view.path("lastRun").path("status").asText()).isEqualTo("completed");
  }

  @Test
  @Order(15)
  void aRunCanBeCancelledAndTheCustomerRunsItsOwn() {
    JsonNode started = ok(curl.call("POST", "/api/pipelines/" + customerPipeline + "/runs", customer, "{}"), 201);
    String id = started.path("id").asText();
    assertThat(started.path("triggeredBy").asText()).isEqualTo(CUSTOMER);
    Curl.Answer cancel = curl.call("POST", "/api/pipelines/" + customerPipeline + "/runs/" + id + "/cancel", customer, "{}");
    // a run that ended before the cancel came stays as it ended: 409, never a 500
    assertThat(cancel.status()).as(cancel.toString()).isIn(200, 409);
    JsonNode run = Waits.until("the customer's run to end", Duration.ofSeconds(60), () -> {
      JsonNode r = ok(curl.call("GET", "/api/pipelines/" + customerPipeline + "/runs/" + id, customer, null), 200);
      return Pipelines.isFinal(r) ? r : null;
    });
    if (cancel.status() == 200) assertThat(run.path("status").asText()).as(Pipelines.describe(run)).isIn("cancelled", "completed");
    else assertThat(run.path("status").asText()).as(Pipelines.describe(run)).isEqualTo("completed");
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline + "/runs/" + runId, customer, null).status())
        .isEqualTo(404);
  }

  @Test
  @Order(20)
  void deleteRemovesThePipelineWithItsRuns() {
    Curl.Answer foreign = curl.call("DELETE", "/api/pipelines/" + adminPipeline, customer, null);
    assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
    Curl.Answer deleted = curl.call("DELETE", "/api/pipelines/" + adminPipeline, admin, null);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().path("success").asBoolean()).isTrue();
    assertThat(deleted.json().path("data").path("id").asText()).isEqualTo(adminPipeline);
    assertThat(deleted.json().path("data").path("deleted").asBoolean()).isTrue();
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline, admin, null).status()).isEqualTo(404);
    assertThat(curl.call("GET", "/api/pipelines/" + adminPipeline + "/runs/" + runId, admin, null).status())
        .isEqualTo(404);
    // nothing above was unexpected for the server, and no password reached its log
    assertThat(server.log()).doesNotContain(" ERROR ").doesNotContain(CUSTOMER_PW);
  }

  // ------------------------------------------------------------------ helpers

  private static String create(String identifier, String yaml) {
    return Pipelines.json(Map.of("identifier", identifier, "name", identifier, "yaml", yaml));
  }

  private static void status(Curl.Answer a, int status) {
    assertThat(a.status()).as(a.toString()).isEqualTo(status);
  }

  /** The envelope's data of an answer with {@code status} and success true. */
  private static JsonNode ok(Curl.Answer a, int status) {
    assertThat(a.status()).as(a.toString()).isEqualTo(status);
    JsonNode body = a.json();
    assertThat(body.path("success").asBoolean()).as(a.toString()).isTrue();
    return body.path("data");
  }

  private static String token(Api api, String path, String user, String password) {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    Api.Response r = api.callWithHeader("GET", path, "Authorization", "Basic " + basic);
    assertThat(r.status()).as(path + ": " + r).isEqualTo(200);
    return r.json().path("access_token").asText();
  }
}
