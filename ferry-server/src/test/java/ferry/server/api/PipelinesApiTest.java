package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipelines on /api/pipelines (issue 14): every endpoint, its shapes, its refusals, and tenancy. */
class PipelinesApiTest {
  static ApiFixture api;
  static Auth alice;
  static Auth bob;
  static Auth carol;

  static Path dataDir;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    api = ApiFixture.start(dir);
    dataDir = dir.resolve("data");
    alice = api.customer("alice");
    bob = api.customer("bob");
    for (String f : List.of("shared-out", "carols-drop", "group-drop")) {
      ApiFixture.expect(api.client().post("/api/v2/folders", api.admin(), Map.of("name", f, "mapped_path",
          Files.createDirectories(dir.resolve("vfs").resolve(f)).toString(), "filesystem", Map.of("provider", 0))),
          201, "folder " + f);
    }
    // carol has VFS entry carols-drop mounted as a virtual folder: her pipelines may name it
    ApiFixture.expect(api.client().post("/api/v2/users", api.admin(), Map.of("username", "carol", "password",
        ApiFixture.PASSWORD, "home_dir", dir.resolve("homes").resolve("carol").toString(), "permissions",
        Map.of("/", List.of("*")), "virtual_folders", List.of(Map.of("name", "carols-drop", "virtual_path", "/drop")))),
        201, "user carol");
    ApiFixture.expect(api.client().put("/api/customers/carol", api.admin(), Map.of()), 201, "grant carol");
    carol = V2Client.bearer(api.client().userToken("carol", ApiFixture.PASSWORD));
    // group-drop is mounted by group "drops": dave inherits its folders (secondary), erin is a member only
    ApiFixture.expect(api.client().post("/api/v2/groups", api.admin(), Map.of("name", "drops", "virtual_folders",
        List.of(Map.of("name", "group-drop", "virtual_path", "/g")))), 201, "group drops");
    dave = groupCustomer(dir, "dave", GROUP_SECONDARY);
    erin = groupCustomer(dir, "erin", GROUP_MEMBERSHIP);
  }

  static final int GROUP_SECONDARY = 2;
  static final int GROUP_MEMBERSHIP = 3;
  static Auth dave;
  static Auth erin;

  private static Auth groupCustomer(Path dir, String name, int type) {
    ApiFixture.expect(api.client().post("/api/v2/users", api.admin(), Map.of("username", name, "password",
        ApiFixture.PASSWORD, "home_dir", dir.resolve("homes").resolve(name).toString(), "permissions",
        Map.of("/", List.of("*")), "groups", List.of(Map.of("name", "drops", "type", type)))), 201, "user " + name);
    ApiFixture.expect(api.client().put("/api/customers/" + name, api.admin(), Map.of()), 201, "grant " + name);
    return V2Client.bearer(api.client().userToken(name, ApiFixture.PASSWORD));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static String yaml(String user) {
    return "source:\n  user: " + user + "\n  path: /in\nsteps:\n  - type: gzip\ndestination:\n  user: " + user
        + "\n  path: /out\n";
  }

  static Response create(Auth who, String identifier, String yaml) {
    return api.client().post("/api/pipelines", who, Map.of("identifier", identifier, "name", identifier + " name",
        "yaml", yaml));
  }

  static String id(Response created) {
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("data").path("id").asText();
  }

  static void assertField(Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(field);
  }

  @Test
  void adminCreatesReadsListsExportsAndDeletes() {
    Response created = create(api.admin(), "daily-etl", yaml("alice"));
    String id = id(created);
    JsonNode p = created.json().path("data");
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(p.path("identifier").asText()).isEqualTo("daily-etl");
    assertThat(p.path("name").asText()).isEqualTo("daily-etl name");
    assertThat(p.path("description").asText()).isEmpty();
    assertThat(p.path("enabled").asBoolean()).isTrue();
    assertThat(p.path("version").asInt()).isEqualTo(1);
    assertThat(p.path("trigger").asText()).isEqualTo("manual");
    assertThat(p.path("customer").isNull()).isTrue();
    assertThat(p.path("createdBy").asText()).isEqualTo(V2Client.ADMIN);
    assertThat(Instant.parse(p.path("createdAt").asText())).isEqualTo(Instant.parse(p.path("updatedAt").asText()));
    assertThat(p.path("lastRun").isNull()).isTrue();

    Response got = api.client().get("/api/pipelines/" + id, api.admin());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("data")).isEqualTo(p);
    Response list = api.client().get("/api/pipelines?search=DAILY-E&enabled=true", api.admin());
    assertThat(list.json().path("data").findValuesAsText("id")).containsExactly(id);
    assertThat(list.json().path("pagination").path("total").asInt()).isEqualTo(1);
    assertThat(api.client().get("/api/pipelines?enabled=false&search=daily-etl", api.admin()).json().path("data"))
        .isEmpty();

    Response export = api.client().get("/api/pipelines/" + id + "/yaml", api.admin());
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.body()).isEqualTo(yaml("alice"));
    assertThat(export.header("Content-Type").orElse("")).startsWith("application/yaml");
    assertThat(export.header("Content-Disposition")).contains("attachment; filename=\"daily-etl.yaml\"");
    Response head = api.client().send("HEAD", "/api/pipelines/" + id + "/yaml", api.admin(),
        HttpRequest.BodyPublishers.noBody(), null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();

    Response deleted = api.client().delete("/api/pipelines/" + id, api.admin());
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("success").asBoolean()).isTrue();
    assertThat(deleted.json().path("data").path("id").asText()).isEqualTo(id);
    assertThat(deleted.json().path("data").path("deleted").asBoolean()).isTrue();
    assertThat(api.client().get("/api/pipelines/" + id, api.admin()).status()).isEqualTo(404);
    assertThat(api.client().delete("/api/pipelines/" + id, api.admin()).status()).isEqualTo(404);
  }

  @Test
  void eachYamlChangeIsANewVersionAndMetadataChangesAreNot() {
    String id = id(create(alice, "versioned", yaml("alice")));
    Response v2 = api.client().send("PUT", "/api/pipelines/" + id + "/yaml", alice,
        HttpRequest.BodyPublishers.ofString(yaml("alice") + "# two\n"), "application/yaml");
    assertThat(v2.status()).as(v2.body()).isEqualTo(200);
    assertThat(v2.json().path("data").path("version").asInt()).isEqualTo(2);
    Response v3 = api.client().put("/api/pipelines/" + id + "/yaml", alice, Map.of("yaml", yaml("alice") + "# 3\n"));
    assertThat(v3.json().path("data").path("version").asInt()).as(v3.body()).isEqualTo(3);
    Response v4 = api.client().send("PUT", "/api/pipelines/" + id + "/yaml", alice,
        HttpRequest.BodyPublishers.ofString(yaml("alice") + "# 4\n"), "text/plain; charset=utf-8");
    assertThat(v4.json().path("data").path("version").asInt()).as(v4.body()).isEqualTo(4);
    assertThat(api.client().get("/api/pipelines/" + id + "/yaml", alice).body()).endsWith("# 4\n");
    Response same = api.client().put("/api/pipelines/" + id + "/yaml", alice, Map.of("yaml", yaml("alice") + "# 4\n"));
    assertThat(same.json().path("data").path("version").asInt()).as("the same text again").isEqualTo(4);

    Response patched = api.client().patch("/api/pipelines/" + id, alice,
        Map.of("name", "Renamed", "description", "nightly invoices", "enabled", false));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    JsonNode p = patched.json().path("data");
    assertThat(p.path("name").asText()).isEqualTo("Renamed");
    assertThat(p.path("description").asText()).isEqualTo("nightly invoices");
    assertThat(p.path("enabled").asBoolean(true)).isFalse();
    assertThat(p.path("version").asInt()).isEqualTo(4);

    Response versions = api.client().get("/api/pipelines/" + id + "/versions", alice);
    assertThat(versions.status()).isEqualTo(200);
    JsonNode items = versions.json().path("data");
    assertThat(items.findValuesAsText("version")).containsExactly("4", "3", "2", "1");
    assertThat(items.get(0).path("current").asBoolean()).isTrue();
    assertThat(items.get(1).path("current").asBoolean(true)).isFalse();
    assertThat(items.get(0).path("createdBy").asText()).isEqualTo("alice");
    assertThat(versions.json().path("pagination").path("total").asInt()).isEqualTo(4);
    assertThat(api.client().get("/api/pipelines/" + id + "/versions?limit=2&page=2", alice).json().path("data")
        .findValuesAsText("version")).containsExactly("2", "1");

    Response first = api.client().get("/api/pipelines/" + id + "/versions/1", alice);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("data").path("yaml").asText()).isEqualTo(yaml("alice"));
    assertThat(first.json().path("data").path("version").asInt()).isEqualTo(1);
    assertThat(api.client().get("/api/pipelines/" + id + "/versions/9", alice).status()).isEqualTo(404);
    assertField(api.client().get("/api/pipelines/" + id + "/versions/abc", alice), 400, "version");
  }

  @Test
  void badInputIs400NamingTheFieldAndTakenIdentifiers409() {
    assertField(create(api.admin(), "Upper", yaml("alice")), 400, "identifier");
    assertField(create(api.admin(), "-dash", yaml("alice")), 400, "identifier");
    assertField(create(api.admin(), "x".repeat(101), yaml("alice")), 400, "identifier");
    assertField(api.client().post("/api/pipelines", api.admin(), Map.of("identifier", "n", "yaml", yaml("alice"))),
        400, "name");
    assertField(create(api.admin(), "empty", ""), 400, "yaml");
    Map<String, Object> unknown = new HashMap<>(Map.of("identifier", "u", "name", "u", "yaml", yaml("alice")));
    unknown.put("colour", "red");
    assertField(api.client().post("/api/pipelines", api.admin(), unknown), 400, "colour");

    Response broken = create(api.admin(), "broken", "source: [\n");
    assertField(broken, 400, "yaml");
    JsonNode d = broken.json().path("details");
    assertThat(d.path("line").asInt()).isPositive();
    assertThat(d.has("column")).isTrue();
    assertThat(d.has("path")).isTrue();
    assertThat(d.path("problems").isArray()).isTrue();
    assertThat(d.path("problems").get(0).has("message")).isTrue();

    Response missing = create(api.admin(), "missing-entry", yaml("alice").replace("user: alice\n  path: /out",
        "vfs: no-such-entry\n  path: /out"));
    assertField(missing, 400, "yaml");
    assertThat(missing.json().path("error").asText()).contains("no-such-entry");
    assertThat(missing.json().path("details").path("line").asInt()).isEqualTo(7);

    id(create(api.admin(), "taken", yaml("alice")));
    Response again = create(api.admin(), "taken", yaml("alice"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("error").asText()).isEqualTo("a pipeline with identifier taken already exists");
    id(create(alice, "taken", yaml("alice"))); // identifiers are per owner

    String id = id(create(api.admin(), "patchy", yaml("alice")));
    assertField(api.client().patch("/api/pipelines/" + id, api.admin(), Map.of("identifier", "x")), 400, "identifier");
    assertField(api.client().patch("/api/pipelines/" + id, api.admin(), Map.of("yaml", "x")), 400, "yaml");
    assertField(api.client().patch("/api/pipelines/" + id, api.admin(), Map.of("name", " ")), 400, "name");
    assertField(api.client().patch("/api/pipelines/" + id, api.admin(), Map.of("enabled", "yes")), 400, "enabled");
    assertField(api.client().put("/api/pipelines/" + id + "/yaml", api.admin(), Map.of("yaml", "steps: 5")), 400,
        "yaml");
    assertThat(api.client().get("/api/pipelines/" + id, api.admin()).json().path("data").path("version").asInt())
        .isEqualTo(1);
    assertField(api.client().get("/api/pipelines?enabled=maybe", api.admin()), 400, "enabled");
    assertField(api.client().get("/api/pipelines?limit=101", api.admin()), 400, "limit");
    assertField(api.client().get("/api/pipelines?search=" + "x".repeat(201), api.admin()), 400, "search");
    assertField(api.client().get("/api/pipelines/" + id + "/runs?status=done", api.admin()), 400, "status");
    assertField(api.client().post("/api/pipelines/" + id + "/runs", api.admin(), Map.of("now", true)), 400, "now");
  }

  @Test
  void aCustomerSeesAndNamesOnlyItsOwn() {
    Response created = create(alice, "alices", yaml("alice"));
    String id = id(created);
    assertThat(created.json().path("data").path("customer").asText()).isEqualTo("alice");
    assertThat(created.json().path("data").path("createdBy").asText()).isEqualTo("alice");
    String run = api.client().post("/api/pipelines/" + id + "/runs", alice, Map.of()).json().path("data")
        .path("id").asText();

    String base = "/api/pipelines/" + id;
    for (String path : List.of(base, base + "/yaml", base + "/versions", base + "/versions/1", base + "/runs",
        base + "/runs/" + run))
      assertThat(api.client().get(path, bob).status()).as(path).isEqualTo(404);
    assertThat(api.client().patch(base, bob, Map.of("enabled", false)).status()).isEqualTo(404);
    assertThat(api.client().put(base + "/yaml", bob, Map.of("yaml", yaml("bob"))).status()).isEqualTo(404);
    assertThat(api.client().post(base + "/runs", bob, Map.of()).status()).isEqualTo(404);
    assertThat(api.client().post(base + "/runs/" + run + "/cancel", bob, Map.of()).status()).isEqualTo(404);
    assertThat(api.client().delete(base, bob).status()).isEqualTo(404);
    Response theirs = api.client().get(base, bob);
    Response none = api.client().get("/api/pipelines/" + java.util.UUID.randomUUID(), bob);
    assertThat(theirs.json().path("error").asText().replace(id, "<id>"))
        .isEqualTo(none.json().path("error").asText().replaceAll("[0-9a-f-]{36}", "<id>"));
    assertThat(api.client().get("/api/pipelines?limit=100", bob).json().path("data").findValuesAsText("id"))
        .doesNotContain(id);
    assertThat(api.client().get("/api/pipelines?limit=100", alice).json().path("data").findValuesAsText("customer"))
        .containsOnly("alice");
    assertThat(api.client().get(base, api.admin()).status()).isEqualTo(200);

    // names: another user, an entry not mounted for it; the admin may name both
    Response otherUser = create(alice, "bobs-files", yaml("bob"));
    assertField(otherUser, 400, "yaml");
    assertThat(otherUser.json().path("error").asText()).contains("bob");
    String toShared = yaml("alice").replace("user: alice\n  path: /out", "vfs: shared-out\n  path: /out");
    assertField(create(alice, "to-shared", toShared), 400, "yaml");
    id(create(api.admin(), "to-shared", toShared));
    // ...but an entry mounted as one of its virtual folders
    id(create(carol, "to-drop", yaml("carol").replace("user: carol\n  path: /out", "vfs: carols-drop\n  path: /")));
    // ...or one its group mounts, unless it is a member only (such a group gives it no folders)
    id(create(dave, "to-group", yaml("dave").replace("user: dave\n  path: /out", "vfs: group-drop\n  path: /")));
    Response member = create(erin, "to-group", yaml("erin").replace("user: erin\n  path: /out",
        "vfs: group-drop\n  path: /"));
    assertField(member, 400, "yaml");
    assertThat(member.json().path("error").asText()).contains("group-drop");
    // a customer's pipeline changed by an admin is still checked against the customer's names
    assertField(api.client().put(base + "/yaml", api.admin(), Map.of("yaml", toShared)), 400, "yaml");
  }

  /** A customer names secrets under its own prefix only; an admin sets them as {@code alice/...} on /v1. */
  @Test
  void aCustomerNamesOnlySecretsUnderItsPrefix() {
    Auth cli = new Auth("X-API-Key", ferry.server.TestServers.cliKey(dataDir));
    for (String name : List.of("alice/hook", "bob/hook", "hook"))
      assertThat(api.client().put("/v1/adm/secrets/" + name, cli, Map.of("value", "s3cret")).status()).as(name)
          .isIn(200, 201);
    java.util.function.Function<String, String> withHook = secret -> yaml("alice").replace("  - type: gzip\n",
        "  - type: webhook\n    url: https://hooks.example/x\n    secret: " + secret + "\n");
    id(create(alice, "hooked", withHook.apply("alice/hook")));
    for (String other : List.of("bob/hook", "hook", "alice/none")) {
      Response r = create(alice, "hooked-" + other.replace('/', '-'), withHook.apply(other));
      assertField(r, 400, "yaml");
      assertThat(r.json().path("error").asText()).as(other).contains("no secret named \"" + other + "\"");
    }
    id(create(api.admin(), "hooked", withHook.apply("bob/hook")));
    assertThat(api.client().delete("/v1/adm/secrets/alice/hook", cli).status()).isEqualTo(204);
    assertField(create(alice, "hooked-again", withHook.apply("alice/hook")), 400, "yaml");
  }

  @Test
  void agentsAreRefused() {
    Auth agent = api.agent(alice, "alice-agent");
    String id = id(create(alice, "agent-probe", yaml("alice")));
    assertThat(api.client().get("/api/pipelines", agent).status()).isEqualTo(403);
    assertThat(api.client().get("/api/pipelines/" + id, agent).status()).isEqualTo(403);
    assertThat(create(agent, "by-agent", yaml("alice")).status()).isEqualTo(403);
    assertThat(api.client().post("/api/pipelines/" + id + "/runs", agent, Map.of()).status()).isEqualTo(403);
    assertThat(api.client().get("/api/pipelines", Auth.NONE).status()).isEqualTo(401);
  }

  @Test
  void runsAreQueuedListedDetailedAndCancelled() {
    String id = id(create(alice, "runner", yaml("alice")));
    Response started = api.client().post("/api/pipelines/" + id + "/runs", alice, "");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    JsonNode run = started.json().path("data");
    String runId = run.path("id").asText();
    assertThat(run.path("pipelineId").asText()).isEqualTo(id);
    assertThat(run.path("version").asInt()).isEqualTo(1);
    assertThat(run.path("status").asText()).isIn("queued", "running", "completed", "failed");
    assertThat(run.path("trigger").asText()).isEqualTo("manual");
    assertThat(run.path("triggeredBy").asText()).isEqualTo("alice");
    for (String f : List.of("node", "error", "bytesIn", "bytesOut", "files", "createdAt", "startedAt", "endedAt"))
      assertThat(run.has(f)).as(f).isTrue();

    JsonNode view = api.client().get("/api/pipelines/" + id, alice).json().path("data");
    assertThat(view.path("lastRun").path("id").asText()).isEqualTo(runId);
    Response runs = api.client().get("/api/pipelines/" + id + "/runs", alice);
    assertThat(runs.json().path("data").findValuesAsText("id")).containsExactly(runId);
    Response detail = api.client().get("/api/pipelines/" + id + "/runs/" + runId, alice);
    assertThat(detail.status()).as(detail.body()).isEqualTo(200);
    assertThat(detail.json().path("data").path("id").asText()).isEqualTo(runId);
    assertThat(detail.json().path("data").path("steps").isArray()).isTrue();
    assertThat(detail.json().path("data").path("deliveredFiles").isArray()).isTrue();
    assertThat(detail.json().path("data").path("filesTruncated").isBoolean()).isTrue();

    Response cancelled = api.client().post("/api/pipelines/" + id + "/runs/" + runId + "/cancel", alice, "");
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
    String status = cancelled.json().path("data").path("status").asText();
    assertThat(status).isIn("cancelled", "completed", "failed");
    assertThat(api.client().post("/api/pipelines/" + id + "/runs/" + runId + "/cancel", alice, "").json()
        .path("data").path("status").asText()).isEqualTo(status);
    assertThat(api.client().get("/api/pipelines/" + id + "/runs/no-such-run", alice).status()).isEqualTo(404);

    api.client().patch("/api/pipelines/" + id, alice, Map.of("enabled", false));
    Response disabled = api.client().post("/api/pipelines/" + id + "/runs", alice, "");
    assertThat(disabled.status()).isEqualTo(409);
    assertThat(disabled.json().path("error").asText()).contains("disabled");
  }

  @Test
  void dryRunAnswersWhatCreateWouldAndTheSchemaIsAnObject() {
    Response ok = api.client().post("/api/pipelines/dry-run", alice, Map.of("yaml", yaml("alice")));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    JsonNode d = ok.json().path("data");
    assertThat(d.path("valid").asBoolean()).isTrue();
    assertThat(d.path("errors")).isEmpty();
    assertThat(d.path("trigger").asText()).isEqualTo("manual");
    assertThat(d.path("steps").get(0).asText()).isEqualTo("gzip");
    assertThat(d.path("destinations").get(0).asText()).isEqualTo("user:alice:/out");
    assertThat(d.has("files")).isFalse();

    Response bad = api.client().post("/api/pipelines/dry-run", alice, Map.of("yaml", yaml("bob")));
    assertThat(bad.status()).isEqualTo(200);
    assertThat(bad.json().path("data").path("valid").asBoolean(true)).isFalse();
    JsonNode error = bad.json().path("data").path("errors").get(0);
    assertThat(error.path("line").asInt()).isPositive();
    assertThat(error.path("message").asText()).contains("bob");
    assertThat(error.has("column") && error.has("path")).isTrue();
    assertField(api.client().post("/api/pipelines/dry-run", alice, Map.of("simulate", true)), 400, "yaml");

    Response schema = api.client().get("/api/pipelines/schema", bob);
    assertThat(schema.status()).isEqualTo(200);
    assertThat(schema.json().path("data").isObject()).isTrue();
    assertThat(schema.json().path("data").size()).isPositive();
  }
}
