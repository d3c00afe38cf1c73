package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracked transfers on /api/transfers (contract 13): agents create and update theirs along the
 * state machine, the server's own transfers are listed with them; tenancy, filters and paging.
 */
class TransfersApiTest {
  static ApiFixture api;
  static Auth alice;
  static Auth bob;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
    alice = api.customer("alice");
    bob = api.customer("bob");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static Response upload(Auth who, String path, String content) {
    Response r = api.client().send("POST", "/api/v2/user/files/upload?path=" + path + "&mkdir_parents=true", who,
        HttpRequest.BodyPublishers.ofString(content), "application/octet-stream");
    return ApiFixture.expect(r, 201, "upload " + path);
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static JsonNode find(Response list, String sourceSuffix) {
    for (JsonNode t : list.json().path("data")) {
      if (t.path("sourceUrl").asText().endsWith(sourceSuffix)) return t;
    }
    return null;
  }

  @Test
  void anHttpUploadIsListedCompletedWithItsProtocolAndSha256ForItsCustomerOnly() throws Exception {
    String content = "id,amount\n1,42\n";
    upload(alice, "in/report.csv", content);

    Response asAdmin = ApiFixture.expect(api.client().get("/api/transfers?limit=100", api.admin()), 200, "list");
    JsonNode t = find(asAdmin, "/in/report.csv");
    assertThat(t).as(asAdmin.body()).isNotNull();
    assertThat(t.path("protocol").asText()).isEqualTo("HTTP");
    assertThat(t.path("direction").asText()).isEqualTo("upload");
    assertThat(t.path("status").asText()).isEqualTo("completed");
    assertThat(t.path("progress").asInt()).isEqualTo(100);
    assertThat(t.path("bytesTransferred").asLong()).isEqualTo(content.length());
    assertThat(t.path("size").asLong()).isEqualTo(content.length());
    assertThat(t.path("sha256").asText()).isEqualTo(sha256(content));
    assertThat(t.path("username").asText()).isEqualTo("alice");
    assertThat(t.path("agentId").isNull()).isTrue();
    assertThat(t.path("customer").isNull()).isTrue();
    assertThat(t.path("completedAt").asText()).isNotEmpty();
    for (String field : new String[] {"id", "agentId", "customer", "username", "jobId", "runId", "sourceUrl",
        "destinationPath", "direction", "protocol", "size", "status", "progress", "bytesTransferred", "speed",
        "sha256", "error", "createdAt", "updatedAt", "startedAt", "completedAt"}) {
      assertThat(t.has(field)).as(field).isTrue();
    }
    String id = t.path("id").asText();
    assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    JsonNode mine = find(ApiFixture.expect(api.client().get("/api/transfers?limit=100", alice), 200, "alice"),
        "/in/report.csv");
    assertThat(mine).isNotNull();
    assertThat(mine.path("id").asText()).isEqualTo(id);
    Response one = ApiFixture.expect(api.client().get("/api/transfers/" + id, alice), 200, "get");
    assertThat(one.json().path("success").asBoolean()).isTrue();
    assertThat(one.json().path("data").path("sha256").asText()).isEqualTo(sha256(content));
    assertThat(api.client().get("/api/transfers/" + id, api.admin()).status()).isEqualTo(200);

    // another customer neither lists nor reads it
    assertThat(find(api.client().get("/api/transfers?limit=100", bob), "/in/report.csv")).isNull();
    Response foreign = api.client().get("/api/transfers/" + id, bob);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.json().path("success").asBoolean(true)).isFalse();
  }

  @Test
  void pagingCountsTheCustomersTransfersAndStatusFilters() {
    Auth carol = api.customer("carol");
    for (int i = 0; i < 3; i++) upload(carol, "p/" + i + ".txt", "x" + i);
    Response page1 = ApiFixture.expect(api.client().get("/api/transfers?limit=2", carol), 200, "page 1");
    assertThat(page1.json().path("data")).hasSize(2);
    JsonNode p = page1.json().path("pagination");
    assertThat(p.path("page").asInt()).isEqualTo(1);
    assertThat(p.path("limit").asInt()).isEqualTo(2);
    assertThat(p.path("total").asLong()).isEqualTo(3);
    assertThat(p.path("totalPages").asLong()).isEqualTo(2);
    // newest first
    assertThat(page1.json().path("data").get(0).path("sourceUrl").asText()).endsWith("/p/2.txt");
    Response page2 = ApiFixture.expect(api.client().get("/api/transfers?limit=2&page=2", carol), 200, "page 2");
    assertThat(page2.json().path("data")).hasSize(1);
    assertThat(page2.json().path("data").get(0).path("sourceUrl").asText()).endsWith("/p/0.txt");

    Response completed = api.client().get("/api/transfers?status=completed", carol);
    assertThat(completed.json().path("pagination").path("total").asLong()).isEqualTo(3);
    Response running = api.client().get("/api/transfers?status=running", carol);
    assertThat(running.json().path("pagination").path("total").asLong()).isZero();
    Response byAgent = api.client().get("/api/transfers?agentId=0193a1b2-0000-7000-8000-000000000001", carol);
    assertThat(byAgent.json().path("data")).isEmpty();
  }

  @Test
  void badQueriesNameTheirField() {
    assertField(api.client().get("/api/transfers?status=done", api.admin()), 400, "status");
    assertField(api.client().get("/api/transfers?page=0", api.admin()), 400, "page");
    assertField(api.client().get("/api/transfers?limit=101", api.admin()), 400, "limit");
  }

  @Test
  void unknownIdsAre404AndOnlyAgentsWrite() {
    assertThat(api.client().get("/api/transfers/0193a1b2-0000-7000-8000-00000000ffff", api.admin()).status())
        .isEqualTo(404);
    assertThat(api.client().get("/api/transfers/not-a-uuid", api.admin()).status()).isEqualTo(404);
    assertThat(api.client().get("/api/transfers", Auth.NONE).status()).isEqualTo(401);
    Map<String, Object> body = Map.of("sourceUrl", "sftp://h/a", "destinationPath", "/a", "direction", "pull",
        "protocol", "sftp");
    assertThat(api.client().post("/api/transfers", Auth.NONE, body).status()).isEqualTo(401);
    assertThat(api.client().post("/api/transfers", api.admin(), body).status()).isEqualTo(403);
    assertThat(api.client().post("/api/transfers", alice, body).status()).isEqualTo(403);
    assertThat(api.client().patch("/api/transfers/0193a1b2-0000-7000-8000-00000000ffff", alice,
        Map.of("progress", 5)).status()).isEqualTo(403);
  }

  static JsonNode assertField(Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(field);
    return r.json();
  }

  static Map<String, Object> newTransfer(String source) {
    Map<String, Object> m = new java.util.HashMap<>(Map.of("sourceUrl", "sftp://ftp.example.com" + source,
        "destinationPath", "/local" + source, "direction", "pull", "protocol", "sftp", "size", 1000));
    return m;
  }

  static JsonNode create(Auth agent, Map<String, Object> body) {
    return ApiFixture.expect(api.client().post("/api/transfers", agent, body), 201, "create").json().path("data");
  }

  static Response patch(Auth agent, String id, Map<String, Object> body) {
    return api.client().patch("/api/transfers/" + id, agent, body);
  }

  @Test
  void anAgentCreatesRunsAndCompletesItsTransfer() {
    Auth agent = api.agent(alice, "alice-runner");
    String agentId = api.agentId(agent);
    JsonNode t = create(agent, newTransfer("/files/data.csv"));
    String id = t.path("id").asText();
    assertThat(t.path("status").asText()).isEqualTo("pending");
    assertThat(t.path("agentId").asText()).isEqualTo(agentId);
    assertThat(t.path("customer").asText()).isEqualTo("alice");
    assertThat(t.path("progress").asInt()).isZero();
    assertThat(t.path("size").asLong()).isEqualTo(1000);
    assertThat(t.path("startedAt").isNull()).isTrue();

    Response running = ApiFixture.expect(patch(agent, id, Map.of("status", "running", "progress", 45,
        "bytesTransferred", 450, "speed", 1048576)), 200, "running");
    JsonNode r = running.json().path("data");
    assertThat(r.path("status").asText()).isEqualTo("running");
    assertThat(r.path("progress").asInt()).isEqualTo(45);
    assertThat(r.path("speed").asLong()).isEqualTo(1048576);
    assertThat(r.path("startedAt").asText()).isNotEmpty();
    ApiFixture.expect(patch(agent, id, Map.of("progress", 60, "bytesTransferred", 600)), 200, "progress");
    String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    JsonNode done = ApiFixture.expect(patch(agent, id, Map.of("status", "completed", "bytesTransferred", 1000,
        "sha256", sha)), 200, "completed").json().path("data");
    assertThat(done.path("progress").asInt()).isEqualTo(100);
    assertThat(done.path("sha256").asText()).isEqualTo(sha);
    assertThat(done.path("completedAt").asText()).isNotEmpty();

    // finished: no more updates
    assertThat(patch(agent, id, Map.of("progress", 100)).status()).isEqualTo(409);
    assertThat(patch(agent, id, Map.of("status", "failed")).status()).isEqualTo(409);

    assertThat(ApiFixture.expect(api.client().get("/api/transfers/" + id, alice), 200, "get").json()
        .path("data").path("status").asText()).isEqualTo("completed");
    assertThat(api.client().get("/api/transfers/" + id, bob).status()).isEqualTo(404);
    assertThat(api.client().get("/api/transfers/" + id, agent).status()).isEqualTo(403);
  }

  @Test
  void illegalTransitionsAre409() {
    Auth agent = api.agent(alice, "alice-transitions");
    String id = create(agent, newTransfer("/t/1")).path("id").asText();
    Response skip = patch(agent, id, Map.of("status", "completed"));
    assertThat(skip.status()).as(skip.body()).isEqualTo(409);
    assertThat(skip.json().path("success").asBoolean(true)).isFalse();
    ApiFixture.expect(patch(agent, id, Map.of("status", "running")), 200, "start");
    assertThat(patch(agent, id, Map.of("status", "pending")).status()).isEqualTo(409);
    ApiFixture.expect(patch(agent, id, Map.of("status", "running", "progress", 5)), 200, "same status");
    ApiFixture.expect(patch(agent, id, Map.of("status", "cancelled")), 200, "cancel");
    assertThat(patch(agent, id, Map.of("status", "running")).status()).isEqualTo(409);

    String other = create(agent, newTransfer("/t/2")).path("id").asText();
    JsonNode failed = ApiFixture.expect(patch(agent, other, Map.of("status", "failed", "error", "host unreachable")),
        200, "fail while pending").json().path("data");
    assertThat(failed.path("error").asText()).isEqualTo("host unreachable");
    assertThat(failed.path("startedAt").isNull()).isTrue();
  }

  @Test
  void badUpdatesAre400NamingTheField() {
    Auth agent = api.agent(alice, "alice-bad");
    String id = create(agent, newTransfer("/b/1")).path("id").asText();
    ApiFixture.expect(patch(agent, id, Map.of("status", "running", "bytesTransferred", 500)), 200, "start");
    assertField(patch(agent, id, Map.of("bytesTransferred", 499)), 400, "bytesTransferred");
    assertField(patch(agent, id, Map.of("progress", 101)), 400, "progress");
    assertField(patch(agent, id, Map.of("progress", -1)), 400, "progress");
    assertField(patch(agent, id, Map.of("progress", "ten")), 400, "progress");
    assertField(patch(agent, id, Map.of("color", "blue")), 400, "color");
    assertField(patch(agent, id, Map.of("status", "done")), 400, "status");
    assertField(patch(agent, id, Map.of("sha256", "xyz")), 400, "sha256");
    // nothing of the refused updates was stored
    JsonNode now = api.client().get("/api/transfers/" + id, alice).json().path("data");
    assertThat(now.path("bytesTransferred").asLong()).isEqualTo(500);
    assertThat(now.path("progress").asInt()).isZero();

    Map<String, Object> noSource = newTransfer("/b/2");
    noSource.remove("sourceUrl");
    assertField(api.client().post("/api/transfers", agent, noSource), 400, "sourceUrl");
    Map<String, Object> sideways = newTransfer("/b/3");
    sideways.put("direction", "sideways");
    assertField(api.client().post("/api/transfers", agent, sideways), 400, "direction");
    Map<String, Object> extra = newTransfer("/b/4");
    extra.put("status", "running");
    assertField(api.client().post("/api/transfers", agent, extra), 400, "status");
    Map<String, Object> badId = newTransfer("/b/5");
    badId.put("id", "12345");
    assertField(api.client().post("/api/transfers", agent, badId), 400, "id");
  }

  @Test
  void aRetriedCreateWithTheSameIdReturnsTheStoredTransfer() {
    Auth agent = api.agent(alice, "alice-retry");
    Auth sibling = api.agent(alice, "alice-sibling");
    Auth foreign = api.agent(bob, "bob-retry");
    String id = java.util.UUID.randomUUID().toString();
    Map<String, Object> body = newTransfer("/r/1");
    body.put("id", id);
    JsonNode first = create(agent, body);
    assertThat(first.path("id").asText()).isEqualTo(id);
    ApiFixture.expect(patch(agent, id, Map.of("status", "running")), 200, "start");

    Response again = api.client().post("/api/transfers", agent, body);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().path("data").path("id").asText()).isEqualTo(id);
    assertThat(again.json().path("data").path("status").asText()).isEqualTo("running");
    assertThat(api.client().post("/api/transfers", sibling, body).status()).isEqualTo(409);
    assertThat(api.client().post("/api/transfers", foreign, body).status()).isEqualTo(409);
  }

  @Test
  void anotherAgentsTransferIs404() {
    Auth owner = api.agent(alice, "alice-owner");
    Auth sibling = api.agent(alice, "alice-other");
    Auth foreign = api.agent(bob, "bob-intruder");
    String id = create(owner, newTransfer("/o/1")).path("id").asText();
    assertThat(patch(sibling, id, Map.of("progress", 1)).status()).isEqualTo(404);
    assertThat(patch(foreign, id, Map.of("progress", 1)).status()).isEqualTo(404);
    assertThat(patch(owner, "0193a1b2-0000-7000-8000-00000000ffff", Map.of("progress", 1)).status()).isEqualTo(404);
    assertThat(api.client().get("/api/transfers", owner).status()).isEqualTo(403);
  }

  @Test
  void agentTransfersAreListedPerAgentForThoseWhoSeeTheAgent() {
    Auth dora = api.customer("dora");
    Auth agent = api.agent(dora, "dora-a");
    Auth other = api.agent(dora, "dora-b");
    String agentId = api.agentId(agent);
    for (int i = 0; i < 3; i++) create(agent, newTransfer("/l/" + i));
    String running = create(agent, newTransfer("/l/run")).path("id").asText();
    ApiFixture.expect(patch(agent, running, Map.of("status", "running")), 200, "start");
    create(other, newTransfer("/l/other"));

    Response page = ApiFixture.expect(api.client().get("/api/agents/" + agentId + "/transfers?limit=3", dora), 200,
        "agent transfers");
    assertThat(page.json().path("data")).hasSize(3);
    assertThat(page.json().path("pagination").path("total").asLong()).isEqualTo(4);
    assertThat(page.json().path("pagination").path("totalPages").asLong()).isEqualTo(2);
    Response onlyRunning = api.client().get("/api/agents/" + agentId + "/transfers?status=running", dora);
    assertThat(onlyRunning.json().path("data")).hasSize(1);
    assertThat(onlyRunning.json().path("data").get(0).path("id").asText()).isEqualTo(running);
    assertThat(api.client().get("/api/agents/" + agentId + "/transfers", api.admin()).status()).isEqualTo(200);
    assertThat(api.client().get("/api/agents/" + agentId + "/transfers", bob).status()).isEqualTo(404);
    assertThat(api.client().get("/api/agents/0193a1b2-0000-7000-8000-00000000ffff/transfers", api.admin()).status())
        .isEqualTo(404);
    assertField(api.client().get("/api/agents/" + agentId + "/transfers?status=nope", dora), 400, "status");

    Response filtered = api.client().get("/api/transfers?agentId=" + agentId, dora);
    assertThat(filtered.json().path("pagination").path("total").asLong()).isEqualTo(4);
    assertThat(api.client().get("/api/transfers", dora).json().path("pagination").path("total").asLong())
        .isEqualTo(5);
    assertThat(api.client().get("/api/transfers?agentId=" + agentId, bob).json().path("pagination")
        .path("total").asLong()).isZero();
    assertThat(api.client().get("/api/transfers?agentId=" + agentId + "&status=pending", api.admin()).json()
        .path("pagination").path("total").asLong()).isEqualTo(3);
  }

  @Test
  void concurrentProgressReportsNeverMoveBytesBackwards() throws Exception {
    Auth agent = api.agent(alice, "alice-concurrent");
    String id = create(agent, newTransfer("/c/1")).path("id").asText();
    ApiFixture.expect(patch(agent, id, Map.of("status", "running")), 200, "start");
    java.util.List<Long> values = new java.util.ArrayList<>();
    for (long b = 1; b <= 60; b++) values.add(b * 100);
    java.util.Collections.shuffle(values, new java.util.Random(13));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      java.util.List<java.util.concurrent.Future<Response>> sent = new java.util.ArrayList<>();
      for (long v : values) sent.add(pool.submit(() -> patch(agent, id, Map.of("bytesTransferred", v))));
      for (var f : sent) {
        Response r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.status()).as(r.body()).isIn(200, 400);
        if (r.status() == 400) assertThat(r.json().path("details").path("field").asText()).isEqualTo("bytesTransferred");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(api.client().get("/api/transfers/" + id, alice).json().path("data").path("bytesTransferred").asLong())
        .isEqualTo(6000);
  }
}
