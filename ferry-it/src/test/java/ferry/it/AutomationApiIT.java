package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SharedServer;
import ferry.it.support.Shell;
import ferry.it.support.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The /v1 face driven with curl exactly as seeds 000 and 002 show, and its refusals. */
class AutomationApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final SharedServer SHARED = new SharedServer();
  static Path scripts;
  static Path outsideScript;
  static FerryProcess server;
  static Api api;
  static String admin;
  static String key;
  static String backupId;

  @BeforeAll
  static void start() throws Exception {
    scripts = SHARED.scriptDir();
    Files.writeString(scripts.resolve("from-disk.js"), "Log.Info('from disk ' + Params('who'));");
    outsideScript = Files.writeString(scripts.resolveSibling("outside.js"), "Log.Info('outside');");
    server = SHARED.process();
    api = server.api();
    admin = server.cliKey();
    key = api.expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"seed-000\"}").get("key").asText();
    backupId = putScript("My Backup Job", """
        Log.Info("destination=" + Params("destination") + " character=" + Param("character"));
        Log.Info("job_id=" + Params("job_id"));
        """);
  }

  static String putScript(String name, String source) throws Exception {
    String body = JSON.writeValueAsString(Map.of("name", name, "source", source));
    return api.expect(201, "POST", "/v1/adm/scripts", admin, body).get("id").asText();
  }

  static JsonNode curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl"));
    cmd.addAll(List.of(args));
    Launch.Result r = Shell.run(cmd);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return JSON.readTree(r.out());
  }

  static String jobsUrl() {
    return server.url() + "/v1/jobs";
  }

  static String logText(JsonNode job) {
    StringBuilder sb = new StringBuilder();
    job.get("log").forEach(l -> sb.append(l.get("level").asText()).append(' ').append(l.get("message").asText()).append('\n'));
    return sb.toString();
  }

  @Test
  void seed000MinimalCurlStartsTheNamedScript() throws Exception {
    JsonNode job = curl("-sk", "-X", "POST", jobsUrl(), "-H", "X-API-Key: " + key,
        "-H", "Content-Type: application/json", "-d", "{\"scriptName\":\"My Backup Job\"}");
    assertThat(job.get("id").asText()).hasSize(22);
    assertThat(job.get("status").asText()).isEqualTo("queued");
    assertThat(job.get("scriptId").asText()).isEqualTo(backupId);
    JsonNode done = api.awaitJobEnd(job.get("id").asText(), key);
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("exitCode").asInt()).isZero();
    assertThat(done.get("trigger").asText()).isEqualTo("api");
    assertThat(logText(done)).contains("destination= character=");
  }

  @Test
  void seed000CurlWithParamsAndAnyCaseOfTheName() throws Exception {
    JsonNode job = curl("-sk", "-X", "POST", jobsUrl(), "-H", "X-API-Key: " + key,
        "-H", "Content-Type: application/json",
        "-d", "{\"scriptName\":\"my backup JOB\",\"params\":{\"destination\":\"/archive/2026\",\"character\":\"goofy\"}}");
    JsonNode done = api.awaitJobEnd(job.get("id").asText(), key);
    assertThat(logText(done)).contains("destination=/archive/2026 character=goofy");
    assertThat(done.get("params").get("character").asText()).isEqualTo("goofy");
  }

  @Test
  void seed002CurlWithScriptIdAndParamsArray() throws Exception {
    // seed 002 omits -k: trusting the server's own certificate is the equivalent for curl
    JsonNode job = curl("-s", "--cacert", server.certificate().toString(), "-X", "POST", jobsUrl(),
        "-H", "X-API-Key: " + key, "-H", "Content-Type: application/json",
        "-d", "{\"scriptId\":\"" + backupId + "\",\"params\":[{\"name\":\"job_id\",\"value\":\"abc-123\"}]}");
    JsonNode done = api.awaitJobEnd(job.get("id").asText(), key);
    assertThat(logText(done)).contains("job_id=abc-123");
  }

  @Test
  void legacyJobTypeScriptIsAccepted() {
    JsonNode job = api.expect(201, "POST", "/v1/jobs", key, "{\"jobType\":\"SCRIPT\",\"scriptId\":\"" + backupId + "\"}");
    assertThat(api.awaitJobEnd(job.get("id").asText(), key).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void badRequestsGetAClear4xxAndStoreNothing() throws Exception {
    long before = jobCount();
    expectError(400, "{\"scriptName\": ", key, "not valid JSON");
    expectError(400, "[1,2]", key, "must be a JSON object");
    expectError(400, "{\"scriptName\": 42}", key, "scriptName must be a string");
    expectError(400, "{\"scriptName\":\"My Backup Job\",\"params\":\"x=1\"}", key, "params must be an object");
    expectError(400, "{\"scriptName\":\"My Backup Job\",\"scriptId\":\"" + backupId + "\"}", key, "exactly one of scriptName, scriptId or filePath");
    expectError(400, "{}", key, "exactly one of scriptName, scriptId or filePath");
    expectError(400, "{\"scriptName\":\"My Backup Job\",\"jobType\":\"TRANSFER\"}", key, "jobType must be");
    expectError(404, "{\"scriptName\":\"No Such Script\"}", key, "no script named 'No Such Script'");
    expectError(413, "{\"scriptName\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}", key, "larger than the server accepts");
    expectError(401, "{\"scriptName\":\"My Backup Job\"}", key + "x", "invalid API key");
    expectError(401, "{\"scriptName\":\"My Backup Job\"}", null, "missing credentials");
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void expiredAndOutsideTheAllowListKeysAreRefused() throws Exception {
    String soon = Instant.now().plusSeconds(2).toString();
    String expiring = api.expect(201, "POST", "/v1/adm/apikeys", admin,
        "{\"name\":\"short\",\"expiresAt\":\"" + soon + "\"}").get("key").asText();
    String remoteOnly = api.expect(201, "POST", "/v1/adm/apikeys", admin,
        "{\"name\":\"remote\",\"allowedIps\":[\"192.0.2.0/24\"]}").get("key").asText();
    long before = jobCount();
    expectError(403, "{\"scriptName\":\"My Backup Job\"}", remoteOnly, "may not be used from 127.0.0.1");
    Waits.until("the key to expire", Duration.ofSeconds(10), () -> Instant.now().isAfter(Instant.parse(soon)) ? true : null);
    expectError(401, "{\"scriptName\":\"My Backup Job\"}", expiring, "has expired");
    assertThat(jobCount()).isEqualTo(before);
  }

  @Test
  void aJobsKeySeesOnlyItsOwnJobs() {
    String other = api.expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"other\"}").get("key").asText();
    String id = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"My Backup Job\"}").get("id").asText();
    assertThat(api.get("/v1/adm/jobs/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/v1/adm/jobs", other).json().get("total").asInt()).isZero();
    assertThat(api.get("/v1/adm/scripts", other).status()).isEqualTo(403);
    assertThat(api.get("/v1/adm/jobs/" + id, admin).status()).isEqualTo(200);
  }

  @Test
  void aRunningEndlessLoopIsCancelledWithinASecond() throws Exception {
    putScript("Endless", "Log.Info('looping'); while (true) {}");
    String id = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"Endless\"}").get("id").asText();
    Waits.until("the loop to run", Duration.ofSeconds(30),
        () -> api.get("/v1/adm/jobs/" + id, key).json().get("status").asText().equals("running") ? true : null);
    long t0 = System.nanoTime();
    api.expect(200, "POST", "/v1/adm/jobs/" + id + "/cancel", key, null);
    JsonNode done = api.awaitJobEnd(id, key);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(done.get("status").asText()).isEqualTo("cancelled");
    assertThat(api.post("/v1/adm/jobs/" + id + "/cancel", key, null).status()).isEqualTo(409);
  }

  @Test
  void aFailingScriptFailsItsJobWithTheMessageAndLine() throws Exception {
    putScript("Broken at runtime", "Log.Info('start');\nvar x = null;\nx.boom();\n");
    String id = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"Broken at runtime\"}").get("id").asText();
    JsonNode done = api.awaitJobEnd(id, key);
    assertThat(done.get("status").asText()).isEqualTo("failed");
    assertThat(done.get("exitCode").asInt()).isEqualTo(1);
    assertThat(done.get("error").asText()).contains("3");
    assertThat(logText(done)).contains("INFO start").contains("ERROR");
  }

  @Test
  void exitWithACodeEndsTheJobWithIt() throws Exception {
    putScript("Exits 3", "Log.Info('bye'); Exit(3); Log.Info('never');");
    String id = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"Exits 3\"}").get("id").asText();
    JsonNode done = api.awaitJobEnd(id, key);
    assertThat(done.get("status").asText()).isEqualTo("failed");
    assertThat(done.get("exitCode").asInt()).isEqualTo(3);
    assertThat(logText(done)).doesNotContain("never");
  }

  @Test
  void aScriptWithASyntaxErrorIsRefusedWithLineAndColumn() {
    Api.Response r = api.post("/v1/adm/scripts", admin, "{\"name\":\"bad\",\"source\":\"var a = 1;\\nvar b = (;\\n\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("message").asText()).contains("line 2");
    assertThat(r.json().get("details").get("line").asInt()).isEqualTo(2);
    assertThat(api.get("/v1/adm/scripts/bad", admin).status()).isEqualTo(404);
  }

  @Test
  void scriptNamesAreUniqueIgnoringCase() {
    Api.Response r = api.post("/v1/adm/scripts", admin, "{\"name\":\"MY BACKUP JOB\",\"source\":\"1\"}");
    assertThat(r.status()).isEqualTo(409);
  }

  @Test
  void secretsAreWriteOnlyAndRotationReachesTheNextJob() throws Exception {
    putScript("Uses secret", "Log.Info('token length ' + GetSecret('api-token').length + ' starts ' + GetSecret('api-token').substring(0,3));");
    assertThat(api.call("PUT", "/v1/adm/secrets/api-token", admin, "{\"value\":\"abc-first\"}").status()).isEqualTo(201);
    String first = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"Uses secret\"}").get("id").asText();
    assertThat(logText(api.awaitJobEnd(first, key))).contains("token length 9 starts abc");
    assertThat(api.call("PUT", "/v1/adm/secrets/api-token", admin, "{\"value\":\"xyz-rotated!\"}").status()).isEqualTo(200);
    String second = api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"Uses secret\"}").get("id").asText();
    assertThat(logText(api.awaitJobEnd(second, key))).contains("token length 12 starts xyz");
    Api.Response list = api.get("/v1/adm/secrets", admin);
    assertThat(list.body()).contains("api-token").doesNotContain("xyz-rotated").doesNotContain("abc-first");
    assertThat(server.log()).doesNotContain("xyz-rotated").doesNotContain("abc-first");
  }

  @Test
  void filePathJobsRunOnlyInsideTheScriptDirectories() {
    String inside = scripts.resolve("from-disk.js").toString();
    String id = api.expect(201, "POST", "/v1/jobs", key,
        "{\"filePath\":\"" + inside + "\",\"params\":{\"who\":\"disk\"}}").get("id").asText();
    assertThat(logText(api.awaitJobEnd(id, key))).contains("from disk disk");
    Api.Response outside = api.post("/v1/jobs", key, "{\"filePath\":\"" + outsideScript + "\"}");
    // the same answer as for a missing file (issue 10): callers cannot probe the server's disk
    assertThat(outside.status()).isEqualTo(404);
    assertThat(outside.json().get("message").asText()).contains("no readable script file");
    Api.Response sneaky = api.post("/v1/jobs", key, "{\"filePath\":\"" + scripts.resolve("../outside.js") + "\"}");
    assertThat(sneaky.status()).isEqualTo(404);
  }

  @Test
  void jobsAreListedWithFiltersAndPaging() {
    Api.Response r = api.get("/v1/adm/jobs?status=completed&script=my%20backup%20job&limit=2&page=1", key);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("limit").asInt()).isEqualTo(2);
    r.json().get("items").forEach(j -> assertThat(j.get("status").asText()).isEqualTo("completed"));
    assertThat(api.get("/v1/adm/jobs?status=bogus", key).status()).isEqualTo(400);
    assertThat(api.get("/v1/adm/jobs?limit=x", key).status()).isEqualTo(400);
  }

  @Test
  void aJobsKeyStartingJobsFasterThanItsRateGets429WithRetryAfter() throws Exception {
    String fast = api.expect(201, "POST", "/v1/adm/apikeys", admin, "{\"name\":\"fast\",\"scope\":\"jobs\"}")
        .get("key").asText();
    String body = "{\"scriptName\":\"My Backup Job\"}";
    AtomicReference<Api.Response> limited = new AtomicReference<>();
    AtomicInteger attempts = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    List<Future<?>> posts = new ArrayList<>();
    for (int c = 0; c < 8; c++) {
      posts.add(clients.submit(() -> {
        while (limited.get() == null && attempts.incrementAndGet() <= 400) {
          Api.Response r = api.post("/v1/jobs", fast, body);
          if (r.status() == 429) limited.compareAndSet(null, r);
          else assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
      }));
    }
    for (Future<?> f : posts) f.get();
    clients.shutdown();

    Api.Response r = limited.get();
    assertThat(r).as("a 429 within " + attempts.get() + " quick job starts of one jobs key").isNotNull();
    assertThat(r.header("Retry-After")).as(r.toString()).matches("[1-9][0-9]*");
    assertThat(r.json().get("status").asInt()).isEqualTo(429);
    assertThat(r.json().get("error").asText()).isEqualTo("Too Many Requests");
    assertThat(r.json().get("message").asText()).contains("job starts");
    // the limit is per key: another key, and an admin, still start jobs
    api.expect(201, "POST", "/v1/jobs", key, body);
    api.expect(201, "POST", "/v1/jobs", admin, body);
  }

  @Test
  void paramsOverTheLimitAre413BeforeTheDatabaseAndStoreNothing() {
    long before = jobCount();
    String blob = "{\"scriptName\":\"My Backup Job\",\"params\":{\"blob\":\"%s\"}}";
    expectError(413, blob.formatted("x".repeat(100 * 1024)), key, "params are");
    // larger than the database column of today's params: must never reach it
    expectError(413, blob.formatted("x".repeat(1100 * 1024)), key, "at most 65536");
    api.expect(201, "POST", "/v1/jobs", key, blob.formatted("x".repeat(60 * 1024)));
    assertThat(jobCount()).isEqualTo(before + 1);
  }

  @Test
  void overlongNamesOfCliRunsAreRefusedBeforeTheDatabase() {
    api.expect(200, "PATCH", "/v1/adm/settings", admin, "{\"allowCliRun\":true}");
    try {
      Api.Response r = api.post("/v1/adm/run", admin,
          "{\"name\":\"" + "n".repeat(300) + ".js\",\"source\":\"Log.Info(1)\"}");
      assertThat(r.status()).as(r.toString()).isEqualTo(400);
      assertThat(r.json().get("message").asText()).contains("name");
    } finally {
      api.expect(200, "PATCH", "/v1/adm/settings", admin, "{\"allowCliRun\":false}");
    }
  }

  @Test
  void jobListingsLeaveParamsOutAndCapTheLimit() {
    api.expect(201, "POST", "/v1/jobs", key, "{\"scriptName\":\"My Backup Job\",\"params\":{\"k\":\"v\"}}");
    JsonNode page = api.expect(200, "GET", "/v1/adm/jobs?limit=200", admin, null);
    assertThat(page.get("items").size()).isPositive();
    page.get("items").forEach(j -> assertThat(j.has("params") || j.has("log")).as(j.toString()).isFalse());
    Api.Response tooMany = api.get("/v1/adm/jobs?limit=201", admin);
    assertThat(tooMany.status()).as(tooMany.toString()).isEqualTo(400);
    assertThat(tooMany.json().get("message").asText()).contains("limit must be between 1 and 200");
  }

  @Test
  void aLongJobLogIsAnsweredInPagesThroughLogAfter() throws Exception {
    putScript("Chatty", "for (var i = 1; i <= 1500; i++) Log.Info('line ' + i);");
    String id = api.expect(201, "POST", "/v1/jobs", admin, "{\"scriptName\":\"Chatty\"}").get("id").asText();
    api.awaitJobEnd(id, admin);
    JsonNode first = api.expect(200, "GET", "/v1/adm/jobs/" + id, admin, null);
    assertThat(first.get("log").size()).isEqualTo(1000);
    JsonNode rest = api.expect(200, "GET", "/v1/adm/jobs/" + id + "?logAfter=1000", admin, null);
    assertThat(rest.get("log").size()).isEqualTo(500);
    assertThat(rest.get("log").get(499).get("message").asText()).isEqualTo("line 1500");
  }

  private static void expectError(int status, String body, String apiKey, String messagePart) {
    Api.Response r = api.post("/v1/jobs", apiKey, body);
    assertThat(r.status()).as(r.toString().substring(0, Math.min(300, r.toString().length()))).isEqualTo(status);
    assertThat(r.json().get("message").asText()).contains(messagePart);
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
  }

  private static long jobCount() {
    return api.get("/v1/adm/jobs?limit=1", admin).json().get("total").asLong();
  }
}
