package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.ScheduleHooks;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled jobs on /api/jobs: CRUD, validation, tenancy, runs, and a server copy job firing. */
class ScheduledJobsApiTest {
  static ApiFixture api;
  static Path vfs;
  static Auth alice;
  static Auth bob;
  static Auth v1;

  @BeforeAll
  static void start(@TempDir Path dir) throws IOException {
    api = ApiFixture.start(dir);
    v1 = new Auth("X-API-Key", ferry.server.TestServers.cliKey(dir.resolve("data")));
    vfs = Files.createDirectories(dir.resolve("vfs"));
    folder("inbox");
    folder("archive");
    alice = api.customer("alice");
    bob = api.customer("bob");
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void adminCreatesReadsChangesAndDeletesAServerCopyJob() {
    Response created = create(copyJob("nightly", "0 2 * * *"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode job = created.json().path("data");
    String id = job.path("id").asText();
    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(job.path("schedule").asText()).isEqualTo("0 2 * * *");
    assertThat(job.path("timezone").asText()).isEqualTo("UTC");
    assertThat(job.path("enabled").asBoolean()).isTrue();
    assertThat(job.path("misfirePolicy").asText()).isEqualTo("run-once");
    assertThat(job.path("protocol").asText()).isEqualTo("JOB");
    assertThat(job.path("customer").isNull()).isTrue();
    assertThat(job.path("agentId").isNull()).isTrue();
    assertThat(job.path("direction").isNull()).isTrue();
    assertThat(job.path("lastRunAt").isNull()).isTrue();
    assertThat(Instant.parse(job.path("nextRunAt").asText())).isAfter(Instant.now())
        .isBefore(Instant.now().plus(Duration.ofDays(1)));

    Response got = api.client().get("/api/jobs/" + id, api.admin());
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("data").path("name").asText()).isEqualTo("nightly");

    Response patched = api.client().patch("/api/jobs/" + id, api.admin(),
        Map.of("schedule", "@hourly", "timezone", "Europe/Paris", "enabled", false, "misfirePolicy", "skip"));
    assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    JsonNode p = patched.json().path("data");
    assertThat(p.path("schedule").asText()).isEqualTo("@hourly");
    assertThat(p.path("timezone").asText()).isEqualTo("Europe/Paris");
    assertThat(p.path("enabled").asBoolean(true)).isFalse();
    assertThat(p.path("nextRunAt").isNull()).isTrue();
    assertThat(p.path("misfirePolicy").asText()).isEqualTo("skip");
    assertThat(p.path("sourcePath").asText()).isEqualTo("inbox:/");

    Response list = api.client().get("/api/jobs?enabled=false", api.admin());
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("data").findValuesAsText("id")).contains(id);
    assertThat(list.json().path("pagination").path("page").asInt()).isEqualTo(1);

    assertThat(api.client().delete("/api/jobs/" + id, api.admin()).status()).isEqualTo(200);
    assertThat(api.client().get("/api/jobs/" + id, api.admin()).status()).isEqualTo(404);
    assertThat(api.client().delete("/api/jobs/" + id, api.admin()).status()).isEqualTo(404);
  }

  @Test
  void theSchedulerHoldsOneFiringPerEnabledServerJobAndFollowsChanges() {
    String id = create(copyJob("planned", "0 3 * * *")).json().path("data").path("id").asText();
    Instant next = Instant.parse(api.client().get("/api/jobs/" + id, api.admin()).json().path("data")
        .path("nextRunAt").asText());
    assertThat(ScheduleHooks.planned(api.server(), id)).contains(next);

    Response moved = api.client().patch("/api/jobs/" + id, api.admin(), Map.of("schedule", "0 4 * * *"));
    Instant movedNext = Instant.parse(moved.json().path("data").path("nextRunAt").asText());
    assertThat(movedNext).isNotEqualTo(next);
    assertThat(ScheduleHooks.planned(api.server(), id)).contains(movedNext);

    api.client().patch("/api/jobs/" + id, api.admin(), Map.of("enabled", false));
    assertThat(ScheduleHooks.planned(api.server(), id)).isEmpty();
    api.client().patch("/api/jobs/" + id, api.admin(), Map.of("enabled", true));
    assertThat(ScheduleHooks.planned(api.server(), id)).contains(movedNext);
    assertThat(api.client().delete("/api/jobs/" + id, api.admin()).status()).isEqualTo(200);
    assertThat(ScheduleHooks.planned(api.server(), id)).isEmpty();
  }

  @Test
  void aScriptJobNeedsAStoredScript() {
    Response r = create(Map.of("name", "s", "schedule", "@daily", "scriptName", "no-such-script"));
    assertField(r, 400, "scriptName");
    assertField(create(Map.of("name", "s", "schedule", "@daily")), 400, "sourcePath");
    Map<String, Object> both = new HashMap<>(copyJob("b", "@daily"));
    both.put("scriptName", "x");
    assertField(create(both), 400, "sourcePath");
  }

  @Test
  void badSchedulesZonesAndFieldsAnswer400NamingTheField() {
    Response minute = create(copyJob("bad", "61 * * * *"));
    assertField(minute, 400, "schedule");
    assertThat(minute.json().path("error").asText()).contains("minute");
    assertThat(minute.json().path("details").path("cronField").asText()).isEqualTo("minute");

    Map<String, Object> mars = new HashMap<>(copyJob("mars", "@daily"));
    mars.put("timezone", "Mars/Olympus");
    assertField(create(mars), 400, "timezone");

    Map<String, Object> unknown = new HashMap<>(copyJob("u", "@daily"));
    unknown.put("color", "blue");
    assertField(create(unknown), 400, "color");

    assertField(create(Map.of("name", "x", "schedule", "@daily", "sourcePath", "nowhere:/a",
        "destinationPath", "archive:/")), 400, "sourcePath");
    assertField(create(Map.of("name", "x", "schedule", "@daily", "sourcePath", "inbox:/",
        "destinationPath", "/plain/path")), 400, "destinationPath");
    Map<String, Object> dir = new HashMap<>(copyJob("d", "@daily"));
    dir.put("direction", "pull");
    assertField(create(dir), 400, "direction");
    Map<String, Object> misfire = new HashMap<>(copyJob("m", "@daily"));
    misfire.put("misfirePolicy", "sometimes");
    assertField(create(misfire), 400, "misfirePolicy");
    Map<String, Object> agent = new HashMap<>(copyJob("a", "@daily"));
    agent.put("agentId", "0f3c0000-0000-0000-0000-000000000000");
    agent.put("direction", "pull");
    assertField(create(agent), 400, "agentId");
    assertField(create(Map.of("schedule", "@daily", "sourcePath", "inbox:/", "destinationPath", "archive:/")), 400,
        "name");
    assertField(api.client().get("/api/jobs?enabled=maybe", api.admin()), 400, "enabled");

    String id = create(copyJob("ok", "@daily")).json().path("data").path("id").asText();
    assertField(api.client().patch("/api/jobs/" + id, api.admin(), Map.of("schedule", "* 99 * * *")), 400, "schedule");
    assertField(api.client().patch("/api/jobs/" + id, api.admin(), Map.of("timezone", "Mars/Olympus")), 400,
        "timezone");
    assertField(api.client().patch("/api/jobs/" + id, api.admin(), Map.of("nope", 1)), 400, "nope");
    assertThat(api.client().get("/api/jobs/" + id, api.admin()).json().path("data").path("schedule").asText())
        .isEqualTo("@daily");
  }

  @Test
  void customersSeeTheirOwnJobsOnlyAndChangeNone() {
    Map<String, Object> forAlice = new HashMap<>(copyJob("alice-copy", "@daily"));
    forAlice.put("customer", "alice");
    Response created = create(forAlice);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("data").path("id").asText();
    assertThat(created.json().path("data").path("customer").asText()).isEqualTo("alice");

    assertThat(api.client().get("/api/jobs/" + id, alice).status()).isEqualTo(200);
    assertThat(api.client().get("/api/jobs/" + id + "/runs", alice).status()).isEqualTo(200);
    Response aliceList = api.client().get("/api/jobs", alice);
    assertThat(aliceList.json().path("data").findValuesAsText("customer")).containsOnly("alice");
    assertThat(aliceList.json().path("data").findValuesAsText("id")).contains(id);

    assertThat(api.client().get("/api/jobs/" + id, bob).status()).isEqualTo(404);
    assertThat(api.client().get("/api/jobs/" + id + "/runs", bob).status()).isEqualTo(404);
    assertThat(api.client().get("/api/jobs", bob).json().path("data").findValuesAsText("id")).doesNotContain(id);

    assertThat(api.client().patch("/api/jobs/" + id, alice, Map.of("enabled", false)).status()).isEqualTo(403);
    assertThat(api.client().delete("/api/jobs/" + id, alice).status()).isEqualTo(403);
    assertThat(create(copyJob("by-alice", "@daily"), alice).status()).isEqualTo(403);
    assertThat(api.client().get("/api/jobs", Auth.NONE).status()).isEqualTo(401);
    assertThat(api.client().get("/api/jobs/" + id + "/endpoint", alice).status()).isEqualTo(403);

    Map<String, Object> notCustomer = new HashMap<>(copyJob("x", "@daily"));
    notCustomer.put("customer", "nobody");
    assertField(create(notCustomer), 400, "customer");
  }

  @Test
  void agentJobsBelongToTheAgentsCustomerAndOnlyThatAgentRunsThem() {
    Auth laptop = api.agent(alice, "alice-laptop");
    String laptopId = api.agentId(laptop);
    Auth box = api.agent(bob, "bob-box");
    Response created = create(Map.of("name", "pull-in", "agentId", laptopId, "direction", "pull",
        "schedule", "*/5 * * * *", "timezone", "Europe/Paris", "sourcePath", "inbox:/reports",
        "destinationPath", "/var/data/in"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode job = created.json().path("data");
    String id = job.path("id").asText();
    assertThat(job.path("customer").asText()).isEqualTo("alice");
    assertThat(job.path("agentId").asText()).isEqualTo(laptopId);
    assertThat(job.path("direction").asText()).isEqualTo("pull");
    assertThat(job.path("protocol").asText()).isEqualTo("local");

    assertThat(ids(api.client().get("/api/jobs", laptop))).containsExactly(id);
    assertThat(ids(api.client().get("/api/jobs?agentId=" + laptopId, alice))).containsExactly(id);
    assertThat(api.client().get("/api/jobs/" + id, laptop).status()).isEqualTo(200);
    assertThat(api.client().get("/api/jobs/" + id, box).status()).isEqualTo(404);
    assertThat(api.client().get("/api/jobs/" + id, bob).status()).isEqualTo(404);
    assertThat(ids(api.client().get("/api/jobs", box))).isEmpty();

    Response endpoint = api.client().get("/api/jobs/" + id + "/endpoint", laptop);
    assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(200);
    assertThat(endpoint.json().path("data").path("name").asText()).isEqualTo("inbox");
    assertThat(endpoint.json().path("data").path("filesystem").path("provider").asText()).isEqualTo("local");
    assertThat(endpoint.json().path("data").path("filesystem").path("root").asText())
        .isEqualTo(vfs.resolve("inbox").toString());
    assertThat(api.client().get("/api/jobs/" + id + "/endpoint", box).status()).isEqualTo(404);
    assertThat(api.client().get("/api/jobs/" + id + "/endpoint", api.admin()).status()).isEqualTo(403);

    String runId = java.util.UUID.randomUUID().toString();
    Map<String, Object> start = Map.of("id", runId, "scheduledAt", "2026-12-06T10:00:00Z");
    Response started = api.client().post("/api/jobs/" + id + "/runs", laptop, start);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().path("data").path("status").asText()).isEqualTo("running");
    assertThat(started.json().path("data").path("agentId").asText()).isEqualTo(laptopId);
    Response retried = api.client().post("/api/jobs/" + id + "/runs", laptop, start);
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().path("data").path("id").asText()).isEqualTo(runId);
    assertThat(api.client().post("/api/jobs/" + id + "/runs", laptop,
        Map.of("id", java.util.UUID.randomUUID().toString(), "scheduledAt", "2026-12-06T10:00:00Z")).status())
        .isEqualTo(409);
    assertThat(api.client().post("/api/jobs/" + id + "/runs", box, Map.of()).status()).isEqualTo(404);
    assertThat(api.client().post("/api/jobs/" + id + "/runs", api.admin(), Map.of()).status()).isEqualTo(403);
    assertField(api.client().post("/api/jobs/" + id + "/runs", laptop, Map.of("id", "not-a-uuid")), 400, "id");
    assertField(api.client().post("/api/jobs/" + id + "/runs", laptop, Map.of("scheduledAt", "noon")), 400,
        "scheduledAt");

    String path = "/api/jobs/" + id + "/runs/" + runId;
    assertField(api.client().patch(path, laptop, Map.of("status", "bogus")), 400, "status");
    assertField(api.client().patch(path, laptop, Map.of("bytes", -1)), 400, "bytes");
    Response done = api.client().patch(path, laptop,
        Map.of("status", "completed", "bytes", 42, "files", 1, "transferIds", List.of("t-1")));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(done.json().path("data").path("status").asText()).isEqualTo("completed");
    assertThat(done.json().path("data").path("finishedAt").asText()).isNotEmpty();
    assertThat(api.client().patch(path, laptop, Map.of("status", "failed")).status()).isEqualTo(409);
    assertThat(api.client().patch(path, box, Map.of("status", "failed")).status()).isEqualTo(404);

    Response runs = api.client().get("/api/jobs/" + id + "/runs", alice);
    assertThat(runs.json().path("pagination").path("total").asLong()).isEqualTo(1);
    assertThat(runs.json().path("data").get(0).path("bytes").asLong()).isEqualTo(42);
    assertThat(runs.json().path("data").get(0).path("transferIds").get(0).asText()).isEqualTo("t-1");
    assertThat(api.client().get("/api/jobs/" + id, alice).json().path("data").path("lastRunAt").asText())
        .isNotEmpty();

    // the agent's side is a plain path; the other a VFS Library entry
    assertField(create(Map.of("name", "push", "agentId", laptopId, "direction", "push", "schedule", "@daily",
        "sourcePath", "/var/out", "destinationPath", "/remote")), 400, "destinationPath");
    assertField(create(Map.of("name", "push", "agentId", laptopId, "direction", "push", "schedule", "@daily",
        "sourcePath", "archive:/x", "destinationPath", "archive:/y")), 400, "sourcePath");
    assertField(create(Map.of("name", "push", "agentId", laptopId, "schedule", "@daily",
        "sourcePath", "/var/out", "destinationPath", "archive:/y")), 400, "direction");
    Response wrongCustomer = create(Map.of("name", "w", "agentId", laptopId, "customer", "bob", "direction", "push",
        "schedule", "@daily", "sourcePath", "/var/out", "destinationPath", "archive:/y"));
    assertField(wrongCustomer, 400, "customer");
  }

  @Test
  void aServerCopyJobFiresAndRecordsItsRun() throws IOException {
    Files.writeString(vfs.resolve("inbox").resolve("a.txt"), "hello");
    Files.write(vfs.resolve("inbox").resolve("b.bin"), new byte[70_000]);
    Response created = create(Map.of("name", "fire", "schedule", "0 0 1 1 *", "sourcePath", "inbox:/",
        "destinationPath", "archive:/fired"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("data").path("id").asText();

    ScheduleHooks.fireNow(api.server(), id);
    JsonNode run = awaitRun(id, r -> r.path("status").asText().equals("completed") || r.path("status").asText()
        .equals("failed"));
    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.path("files").asInt()).isEqualTo(2);
    assertThat(run.path("bytes").asLong()).isEqualTo(70_005);
    assertThat(run.path("transferIds").size()).isEqualTo(2);
    assertThat(run.path("jobId").asText()).isEqualTo(id);
    assertThat(run.path("node").asText()).isNotEmpty();
    assertThat(run.path("scheduledAt").asText()).isNotEmpty();
    assertThat(run.path("finishedAt").asText()).isNotEmpty();
    assertThat(run.path("error").isNull()).isTrue();
    for (JsonNode transferId : run.path("transferIds")) {
      Response t = api.client().get("/api/transfers/" + transferId.asText(), api.admin());
      assertThat(t.status()).as(t.body()).isEqualTo(200);
      JsonNode data = t.json().path("data");
      assertThat(data.path("jobId").asText()).isEqualTo(id);
      // runId: stored on the row (ScheduleStoreContract), but /api/transfers does not show it for server rows yet
      assertThat(data.path("status").asText()).isEqualTo("completed");
      assertThat(data.path("sha256").asText()).hasSize(64);
    }
    assertThat(Files.readString(vfs.resolve("archive/fired/a.txt"))).isEqualTo("hello");
    assertThat(Files.size(vfs.resolve("archive/fired/b.bin"))).isEqualTo(70_000);

    JsonNode job = api.client().get("/api/jobs/" + id, api.admin()).json().path("data");
    assertThat(job.path("lastRunAt").asText()).isNotEmpty();
    // planned again for its own next time, the first of January
    assertThat(Instant.parse(job.path("nextRunAt").asText()).atZone(java.time.ZoneOffset.UTC).getDayOfYear())
        .isEqualTo(1);
  }

  @Test
  void aScriptJobFiresAStoredScriptAsAScheduleTriggeredJob() {
    ApiFixture.expect(api.client().post("/v1/adm/scripts", v1, Map.of("name", "tick", "source",
        "if (Params('mode') !== 'ok') throw new Error('bad mode'); Exit(0)")), 201, "script tick");
    Response ok = create(Map.of("name", "tick-ok", "schedule", "0 0 1 1 *", "scriptName", "tick",
        "params", Map.of("mode", "ok")));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().path("data").path("params").path("mode").asText()).isEqualTo("ok");
    Response bad = create(Map.of("name", "tick-bad", "schedule", "0 0 1 1 *", "scriptName", "tick",
        "params", Map.of("mode", "no")));
    String okId = ok.json().path("data").path("id").asText();
    String badId = bad.json().path("data").path("id").asText();
    ScheduleHooks.fireNow(api.server(), okId);
    ScheduleHooks.fireNow(api.server(), badId);
    JsonNode passed = awaitRun(okId, r -> !r.path("status").asText().equals("running"));
    assertThat(passed.path("status").asText()).as(passed.toString()).isEqualTo("completed");
    JsonNode failed = awaitRun(badId, r -> !r.path("status").asText().equals("running"));
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("error").asText()).contains("failed");
    // the script's own job, as /v1 shows it, was started by the schedule
    Response jobs = api.client().get("/v1/adm/jobs?script=tick", v1);
    assertThat(jobs.status()).as(jobs.body()).isEqualTo(200);
    assertThat(jobs.body()).contains("\"schedule\"");
  }

  @Test
  void aFiringFoundMoreThanOnePeriodLateIsSkippedUnderTheSkipPolicy() {
    Response created = create(Map.of("name", "late", "schedule", "@hourly", "sourcePath", "inbox:/",
        "destinationPath", "archive:/late", "misfirePolicy", "skip"));
    String id = created.json().path("data").path("id").asText();
    Instant planned = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.HOURS);
    ScheduleHooks.fireAsOf(api.server(), id, planned);
    JsonNode run = awaitRun(id, r -> !r.path("status").asText().equals("running"));
    assertThat(run.path("status").asText()).isEqualTo("skipped");
    assertThat(Instant.parse(run.path("scheduledAt").asText())).isEqualTo(planned);
    assertThat(run.path("files").asInt()).isZero();
    assertThat(Files.exists(vfs.resolve("archive/late"))).isFalse();
  }

  @Test
  void runsAreListedNewestFirstWithPaging() {
    Response created = create(Map.of("name", "paged", "schedule", "0 0 1 1 *", "sourcePath", "inbox:/",
        "destinationPath", "archive:/paged"));
    String id = created.json().path("data").path("id").asText();
    ScheduleHooks.fireNow(api.server(), id);
    awaitRun(id, r -> !r.path("status").asText().equals("running"));
    Response page = api.client().get("/api/jobs/" + id + "/runs?page=1&limit=1", api.admin());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.json().path("data").size()).isEqualTo(1);
    assertThat(page.json().path("pagination").path("total").asLong()).isEqualTo(1);
    assertField(api.client().get("/api/jobs/" + id + "/runs?limit=0", api.admin()), 400, "limit");
    assertThat(api.client().get("/api/jobs/nope/runs", api.admin()).status()).isEqualTo(404);
  }

  private static JsonNode awaitRun(String jobId, Predicate<JsonNode> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Response runs = api.client().get("/api/jobs/" + jobId + "/runs", api.admin());
      assertThat(runs.status()).as(runs.body()).isEqualTo(200);
      for (JsonNode r : runs.json().path("data")) if (done.test(r)) return r;
      if (System.nanoTime() > deadline) throw new AssertionError("no finished run of " + jobId + ": " + runs.body());
      Thread.onSpinWait();
      try {
        Thread.sleep(100); // polling interval of a deadline-bound wait, not synchronisation
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static Map<String, Object> copyJob(String name, String schedule) {
    return Map.of("name", name, "schedule", schedule, "sourcePath", "inbox:/", "destinationPath", "archive:/");
  }

  private static Response create(Map<String, Object> body) {
    return create(body, api.admin());
  }

  private static Response create(Map<String, Object> body, Auth who) {
    return api.client().post("/api/jobs", who, body);
  }

  private static void assertField(Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.json().path("details").path("field").asText()).as(r.body()).isEqualTo(field);
  }

  private static void folder(String name) throws IOException {
    Path dir = Files.createDirectories(vfs.resolve(name));
    ApiFixture.expect(api.client().post("/api/v2/folders", api.admin(), Map.of("name", name,
        "mapped_path", dir.toString(), "filesystem", Map.of("provider", 0))), 201, "folder " + name);
  }

  static List<String> ids(Response r) {
    return r.json().path("data").findValuesAsText("id");
  }
}
