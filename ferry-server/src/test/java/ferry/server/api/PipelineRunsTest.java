package ferry.server.api;

import static ferry.server.api.ApiFixture.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.PipelineHooks;
import ferry.server.files.V2Client;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline runs on the real server: manual, upload-triggered and cron-fired, over local folders. */
class PipelineRunsTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  @TempDir static Path dir;
  static ApiFixture api;

  @BeforeAll
  static void start() {
    api = ApiFixture.start(dir);
  }

  @AfterAll
  static void stop() {
    if (api != null) api.close();
  }

  @Test
  void aManualRunPicksGzipsAndDeliversWithItsStepsAndFilesStored() throws Exception {
    Path in = folder("m-in");
    Path out = folder("m-out");
    Files.writeString(in.resolve("a.csv"), "alpha,1\n");
    Files.writeString(in.resolve("b.csv"), "beta,2\n");
    Files.writeString(in.resolve("skip.txt"), "not picked");
    String id = pipeline("manual-local", """
        source:
          vfs: m-in
          pattern: "*.csv"
        steps:
          - type: gzip
        destination:
          vfs: m-out
          path: /inbound
        """);

    JsonNode queued = expect(api.client().post("/api/pipelines/" + id + "/runs", api.admin(), Map.of()), 201, "run")
        .json().path("data");
    assertThat(queued.path("status").asText()).isEqualTo("queued");
    JsonNode run = awaitRun(id, queued.path("id").asText(), r -> r.path("status").asText().equals("completed"));

    assertThat(run.path("files").asInt()).isEqualTo(2);
    assertThat(run.path("node").asText()).isEqualTo(api.server().node());
    assertThat(gunzip(out.resolve("inbound/a.csv.gz"))).isEqualTo("alpha,1\n");
    assertThat(gunzip(out.resolve("inbound/b.csv.gz"))).isEqualTo("beta,2\n");
    try (var files = Files.list(out.resolve("inbound"))) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly("a.csv.gz", "b.csv.gz");
    }
    assertThat(run.path("steps").findValuesAsText("type")).containsExactly("source", "gzip", "deliver");
    assertThat(run.path("steps").findValuesAsText("status")).containsOnly("completed");
    JsonNode delivered = run.path("deliveredFiles");
    assertThat(delivered).hasSize(2);
    assertThat(delivered.get(0).path("sha256").asText()).isEqualTo(sha256(out.resolve("inbound/a.csv.gz")));
    assertThat(delivered.get(0).path("destination").asText()).isEqualTo("vfs:m-out:/inbound/a.csv.gz");
    assertThat(dir.resolve("data").resolve("pipeline-work").resolve(run.path("id").asText())).doesNotExist();
  }

  @Test
  void aScriptStepRunsOnTheRunsNodeWithItsFilesAndItsExitCodeDecides() throws Exception {
    Path in = folder("sc-in");
    Path audit = folder("sc-audit");
    folder("sc-out");
    Files.writeString(in.resolve("c.csv"), "gamma,3\n");
    var cli = new V2Client.Auth("X-API-Key", ferry.server.TestServers.cliKey(dir.resolve("data")));
    // the script sees the batch in work_dir (a local directory for it) and copies each file elsewhere
    expect(api.client().post("/v1/adm/scripts", cli, Map.of("name", "audit-batch", "source", """
        var names = JSON.parse(Params("files"));
        for (var i = 0; i < names.length; i++) {
          var r = VirtualFSByName("sc-audit").Upload(Params("work_dir") + "/" + names[i], "/" + names[i]);
          if (!r.Ok()) { Log.Error(r.ErrorMsg()); Exit(4); }
        }
        Log.Info("audited " + names.length + " for " + Params("mode"));
        """)), 201, "script");
    expect(api.client().post("/v1/adm/scripts", cli, Map.of("name", "refuse-batch", "source", "Exit(3);")), 201,
        "script");
    String ok = pipeline("script-ok", """
        source: {vfs: sc-in}
        steps:
          - type: script
            script: audit-batch
            params: {mode: strict}
        destination: {vfs: sc-out}
        """);
    String refused = pipeline("script-refused", """
        source: {vfs: sc-in}
        steps:
          - type: script
            script: refuse-batch
        destination: {vfs: sc-out}
        """);

    JsonNode done = awaitRun(ok, startRun(ok), r -> r.path("status").asText().equals("completed"));
    assertThat(Files.readString(audit.resolve("c.csv"))).isEqualTo("gamma,3\n");
    assertThat(done.path("steps").get(1).path("log").toString()).contains("audited 1 for strict");
    JsonNode failed = awaitRun(refused, startRun(refused), r -> r.path("status").asText().equals("failed"));
    assertThat(failed.path("error").asText()).contains("refuse-batch exited with code 3");
    assertThat(dir.resolve("folders").resolve("sc-out").resolve("c.csv")).exists();
  }

  @Test
  void aCustomersRunIsCheckedAgainstWhatItMayNameWhenItRunsNotOnlyWhenSaved() throws Exception {
    Path drop = folder("franks-drop");
    folder("franks-out");
    Files.writeString(drop.resolve("f.csv"), "frank\n");
    Map<String, Object> frank = new java.util.HashMap<>(Map.of("username", "frank", "password", ApiFixture.PASSWORD,
        "status", 1, "home_dir", dir.resolve("homes").resolve("frank").toString(), "permissions",
        Map.of("/", List.of("*")), "virtual_folders", List.of(Map.of("name", "franks-drop", "virtual_path", "/drop"),
            Map.of("name", "franks-out", "virtual_path", "/out"))));
    expect(api.client().post("/api/v2/users", api.admin(), frank), 201, "user frank");
    expect(api.client().put("/api/customers/frank", api.admin(), Map.of()), 201, "grant frank");
    var token = V2Client.bearer(api.client().userToken("frank", ApiFixture.PASSWORD));
    String id = expect(api.client().post("/api/pipelines", token, Map.of("identifier", "drop", "name", "drop",
        "yaml", "source: {vfs: franks-drop}\ndestination: {vfs: franks-out}\n")), 201, "pipeline").json()
        .path("data").path("id").asText();

    // the admin takes the entry away: the stored pipeline may no longer read it
    frank.put("virtual_folders", List.of(Map.of("name", "franks-out", "virtual_path", "/out")));
    expect(api.client().put("/api/v2/users/frank", api.admin(), frank), 200, "unmount franks-drop");
    String runId = expect(api.client().post("/api/pipelines/" + id + "/runs", token, Map.of()), 201, "run").json()
        .path("data").path("id").asText();
    JsonNode failed = awaitRun(id, runId, r -> r.path("status").asText().equals("failed"));
    assertThat(failed.path("error").asText()).contains("no VFS Library entry named \"franks-drop\"");
    assertThat(dir.resolve("folders").resolve("franks-out").resolve("f.csv")).doesNotExist();
  }

  private static String startRun(String pipelineId) {
    return expect(api.client().post("/api/pipelines/" + pipelineId + "/runs", api.admin(), Map.of()), 201, "run")
        .json().path("data").path("id").asText();
  }

  @Test
  void anUploadOverTheFileApiFiresOneRunOnceUploadsAreQuiet() throws Exception {
    Path out = folder("u-out");
    api.customer("ulla");
    String id = pipeline("on-upload", """
        source:
          user: ulla
          path: /incoming
        destination:
          vfs: u-out
        trigger:
          type: upload
          user: ulla
          path: /incoming
          quiet: 3s
        """);

    for (String name : List.of("one.csv", "two.csv")) {
      var up = api.client().send("POST", "/api/v2/user/files/upload?path=/incoming/" + name + "&mkdir_parents=true",
          V2Client.bearer(api.client().userToken("ulla", ApiFixture.PASSWORD)),
          HttpRequest.BodyPublishers.ofString("data of " + name), "application/octet-stream");
      assertThat(up.status()).as(up.body()).isEqualTo(201);
    }

    JsonNode run = awaitFirstRun(id, r -> r.path("status").asText().equals("completed"));
    assertThat(run.path("trigger").asText()).isEqualTo("upload");
    assertThat(run.path("files").asInt()).isEqualTo(2);
    assertThat(Files.readString(out.resolve("one.csv"))).isEqualTo("data of one.csv");
    assertThat(Files.readString(out.resolve("two.csv"))).isEqualTo("data of two.csv");
    assertThat(runs(id)).hasSize(1);
  }

  @Test
  void aCronFiringMakesOneRunPerPlannedTime() throws Exception {
    Path in = folder("c-in");
    folder("c-out");
    Files.writeString(in.resolve("report.csv"), "r");
    String id = pipeline("cron-local", """
        source:
          vfs: c-in
        destination:
          vfs: c-out
          overwrite: replace
        trigger:
          type: cron
          schedule: "0 3 1 1 *"
        """);
    assertThat(PipelineHooks.planned(api.server(), id)).isPresent();
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);

    PipelineHooks.fireAsOf(api.server(), id, at);
    JsonNode run = awaitFirstRun(id, r -> r.path("status").asText().equals("completed"));
    PipelineHooks.fireAsOf(api.server(), id, at); // the same firing again: no second run

    assertThat(run.path("trigger").asText()).isEqualTo("cron");
    assertThat(run.path("triggeredBy").asText()).isEqualTo("system");
    await(() -> PipelineHooks.planned(api.server(), id).filter(t -> t.isAfter(Instant.now())).isPresent());
    assertThat(runs(id)).hasSize(1);
  }

  @Test
  void aPollFiringStartsARunOnlyWhenItFindsFilesNoRunPickedBefore() throws Exception {
    Path in = folder("p-in");
    Path out = folder("p-out");
    Files.writeString(in.resolve("one.csv"), "1");
    String id = pipeline("poll-local", """
        source:
          vfs: p-in
        destination:
          vfs: p-out
        trigger:
          type: poll
          interval: 1h
        """);
    assertThat(PipelineHooks.planned(api.server(), id)).isPresent();

    PipelineHooks.fireAsOf(api.server(), id, Instant.now().minusSeconds(30));
    JsonNode first = awaitFirstRun(id, r -> r.path("status").asText().equals("completed"));
    PipelineHooks.fireAsOf(api.server(), id, Instant.now().minusSeconds(20)); // nothing new: no run
    await(() -> PipelineHooks.planned(api.server(), id).filter(t -> t.isAfter(Instant.now())).isPresent());
    assertThat(runs(id)).hasSize(1);
    Files.writeString(in.resolve("two.csv"), "2");
    PipelineHooks.fireAsOf(api.server(), id, Instant.now().minusSeconds(10));
    await(() -> runs(id).size() == 2 && runs(id).getFirst().path("status").asText().equals("completed"));

    JsonNode second = run(id, runs(id).getFirst().path("id").asText());
    assertThat(first.path("trigger").asText()).isEqualTo("poll");
    assertThat(first.path("deliveredFiles").findValuesAsText("source")).containsExactly("/one.csv");
    assertThat(second.path("deliveredFiles").findValuesAsText("source")).containsExactly("/two.csv");
    assertThat(Files.readString(out.resolve("two.csv"))).isEqualTo("2");
  }

  @Test
  void aSimulatedDryRunListsWhatTheSourceWouldPickWithoutMovingIt() throws Exception {
    Path in = folder("s-in");
    folder("s-out");
    Files.writeString(in.resolve("x.csv"), "xyz");
    Files.writeString(in.resolve("x.txt"), "no");
    String yaml = """
        source:
          vfs: s-in
          pattern: "*.csv"
          after: delete
        destination:
          vfs: s-out
        """;

    JsonNode data = expect(api.client().post("/api/pipelines/dry-run", api.admin(),
        Map.of("yaml", yaml, "simulate", true)), 200, "dry-run").json().path("data");

    assertThat(data.path("valid").asBoolean()).as(data.toString()).isTrue();
    assertThat(data.path("files").findValuesAsText("path")).containsExactly("/x.csv");
    assertThat(data.path("files").get(0).path("size").asLong()).isEqualTo(3);
    assertThat(in.resolve("x.csv")).exists();
  }

  private static Path folder(String name) throws Exception {
    Path p = Files.createDirectories(dir.resolve("folders").resolve(name));
    expect(api.client().post("/api/v2/folders", api.admin(),
        Map.of("name", name, "mapped_path", p.toString(), "filesystem", Map.of("provider", 0))), 201, "folder " + name);
    return p;
  }

  private static String pipeline(String identifier, String yaml) {
    return expect(api.client().post("/api/pipelines", api.admin(),
        Map.of("identifier", identifier, "name", identifier, "yaml", yaml)), 201, "create " + identifier)
        .json().path("data").path("id").asText();
  }

  private static List<JsonNode> runs(String id) {
    JsonNode page = expect(api.client().get("/api/pipelines/" + id + "/runs", api.admin()), 200, "runs").json();
    List<JsonNode> out = new java.util.ArrayList<>();
    page.path("data").forEach(out::add);
    return out;
  }

  private static JsonNode awaitFirstRun(String id, Predicate<JsonNode> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      List<JsonNode> all = runs(id);
      if (!all.isEmpty()) {
        JsonNode full = run(id, all.getLast().path("id").asText());
        if (done.test(full)) return full;
      }
      Thread.sleep(100); // polling for the run's end, with a deadline
    }
    throw new AssertionError("no finished run of " + id + " within " + WAIT + ": " + runs(id));
  }

  private static JsonNode awaitRun(String id, String runId, Predicate<JsonNode> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = run(id, runId);
      if (done.test(last)) return last;
      if (last.path("status").asText().matches("failed|interrupted|cancelled"))
        throw new AssertionError("run ended " + last);
      Thread.sleep(100);
    }
    throw new AssertionError("run " + runId + " not done within " + WAIT + ": " + last);
  }

  private static JsonNode run(String id, String runId) {
    return expect(api.client().get("/api/pipelines/" + id + "/runs/" + runId, api.admin()), 200, "run").json()
        .path("data");
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) throw new AssertionError("condition not met within " + WAIT);
      Thread.sleep(100);
    }
  }

  private static String gunzip(Path p) throws Exception {
    try (var in = new GZIPInputStream(Files.newInputStream(p))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(Path p) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
