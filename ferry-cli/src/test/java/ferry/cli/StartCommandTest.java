package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartCommandTest {
  static final String KEY = "xiM2ruBm2QZkhTSN6BPd9B.qmxVEBVbrgNYVMkNQb6hfj";
  static final String JOB = "q7Yc2mZ0RkK3b1uT9xw4aA";

  @TempDir Path dataDir;
  FakeFerry server;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeFerry.http();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  Cli.Result start(String... args) {
    String[] common = {"start", "--host", server.url(), "--data-dir", dataDir.toString()};
    String[] all = new String[common.length + args.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(args, 0, all, common.length, args.length);
    return Cli.run(all);
  }

  void acceptJobs() {
    server.on(
        "POST",
        "/v1/jobs",
        201,
        new ScriptedJob(JOB, List.of(List.of()), "completed", 0, null).created());
  }

  @Test
  void startByNamePostsScriptNameWithTheKeyAndPrintsOnlyTheJobId() {
    acceptJobs();

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo(JOB + System.lineSeparator());
    FakeFerry.Request request = server.only("POST", "/v1/jobs");
    assertThat(request.header("X-API-Key")).isEqualTo(KEY);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.json().toString()).isEqualTo("{\"scriptName\":\"My Backup Job\"}");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void dashSnIsAnotherSpellingOfDashN() {
    acceptJobs();

    Cli.Result result = start("-sn", "My Backup Job", "-a", KEY);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("POST", "/v1/jobs").json().path("scriptName").asText())
        .isEqualTo("My Backup Job");
  }

  @Test
  void longFormsAndScriptIdAreAccepted() {
    acceptJobs();

    Cli.Result result = start("--scriptid", "p3fEoexohdHj6SXrvuT8H8", "--apikey", KEY);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("POST", "/v1/jobs").json().toString())
        .isEqualTo("{\"scriptId\":\"p3fEoexohdHj6SXrvuT8H8\"}");
  }

  @Test
  void paramsAsAnObjectAreSentAsGiven() {
    acceptJobs();

    Cli.Result result =
        start("-n", "My Backup Job", "-a", KEY, "--params", "{\"character\":\"goofy\"}");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("POST", "/v1/jobs").json().get("params").toString())
        .isEqualTo("{\"character\":\"goofy\"}");
  }

  @Test
  void paramsAsANameValueArrayAreSentAsGiven() {
    acceptJobs();

    Cli.Result result =
        start(
            "-sn",
            "My Backup Job",
            "-a",
            KEY,
            "--params",
            "[{\"name\":\"character\",\"value\":\"goofy\"}]");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("POST", "/v1/jobs").json().get("params").toString())
        .isEqualTo("[{\"name\":\"character\",\"value\":\"goofy\"}]");
  }

  @Test
  void paramsThatAreNotJsonAreAUsageError() {
    Cli.Result result = start("-n", "x", "-a", KEY, "--params", "character=goofy");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--params").contains("not JSON");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void missingScriptSelectorIsAUsageError() {
    Cli.Result result = start("-a", KEY);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("ferry: Missing required argument")
        .contains("(-n=NAME | -s=ID)")
        .contains("ferry help start");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void nameAndIdTogetherAreAUsageError() {
    Cli.Result result = start("-n", "a", "-s", "b", "-a", KEY);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("mutually exclusive");
  }

  @Test
  void missingApiKeyIsAUsageError() {
    Cli.Result result = start("-n", "My Backup Job");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--apikey");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void apiErrorPrintsTheServersMessageAndExitsOne() {
    server.on(
        "POST",
        "/v1/jobs",
        r ->
            FakeFerry.Reply.error(
                404, "Not Found", "no script named 'Nope' (names match case-insensitively)"));

    Cli.Result result = start("-n", "Nope", "-a", KEY);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("no script named 'Nope' (names match case-insensitively)")
        .contains("404");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void waitStreamsTheLogOnceInOrderAndExitsZeroWhenTheJobCompletes() {
    ScriptedJob job =
        new ScriptedJob(
            JOB,
            List.of(List.of("hello", "copying"), List.of(), List.of("done")),
            "completed",
            0,
            null);
    server.on("POST", "/v1/jobs", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList())
        .containsExactly(
            "job " + JOB,
            "2026-11-28T10:00:01.000Z INFO  hello",
            "2026-11-28T10:00:02.000Z INFO  copying",
            "2026-11-28T10:00:03.000Z INFO  done");
    List<String> queries =
        server.requests().stream()
            .filter(r -> r.method().equals("GET"))
            .map(FakeFerry.Request::query)
            .toList();
    assertThat(queries).containsExactly("logAfter=0", "logAfter=2", "logAfter=2");
    assertThat(server.requests().stream().filter(r -> r.method().equals("GET")))
        .allMatch(r -> KEY.equals(r.header("X-API-Key")));
  }

  @Test
  void waitPrintsEachLineOnceEvenIfTheServerIgnoresLogAfter() {
    ScriptedJob job =
        new ScriptedJob(JOB, List.of(List.of("a"), List.of("b")), "completed", 0, null);
    server
        .on("POST", "/v1/jobs", 201, job.created())
        .on(
            "GET",
            ScriptedJob.path(JOB),
            r -> job.handle(new FakeFerry.Request(r.method(), r.path(), null, r.headers(), "")));

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList())
        .containsExactly(
            "job " + JOB, "2026-11-28T10:00:01.000Z INFO  a", "2026-11-28T10:00:02.000Z INFO  b");
  }

  @Test
  void waitPrintsTheJobIdBeforeTheFirstPoll() {
    // the job never ends here: the id must be out before the command starts waiting
    server
        .on("POST", "/v1/jobs", 201, "{\"id\":\"" + JOB + "\",\"status\":\"queued\"}")
        .on("GET", ScriptedJob.path(JOB), r -> FakeFerry.Reply.error(500, "Internal Server Error", "down"));

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--wait");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEqualTo("job " + JOB + System.lineSeparator());
  }

  @Test
  void waitExitsOneAndSaysWhyWhenTheJobFails() {
    ScriptedJob job =
        new ScriptedJob(
            JOB, List.of(List.of("hello"), List.of("!boom")), "failed", 3, "Exit(3) called");
    server.on("POST", "/v1/jobs", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--wait");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("INFO  hello").contains("ERROR boom");
    assertThat(result.err()).contains("job " + JOB + " failed with exit code 3: Exit(3) called");
  }

  @Test
  void waitExitsOneWhenTheJobIsCancelled() {
    ScriptedJob job = new ScriptedJob(JOB, List.of(List.of("hello")), "cancelled", null, null);
    server.on("POST", "/v1/jobs", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--wait");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cancelled");
  }

  @Test
  void waitWithJsonPrintsTheEndedJobWithItsWholeLog() throws Exception {
    ScriptedJob job =
        new ScriptedJob(JOB, List.of(List.of("a"), List.of("b")), "completed", 0, null);
    server.on("POST", "/v1/jobs", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--wait", "--json");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    var printed = FerryClient.JSON.readTree(result.out());
    assertThat(printed.path("status").asText()).isEqualTo("completed");
    assertThat(printed.path("log")).hasSize(2);
  }

  @Test
  void jsonWithoutWaitPrintsTheCreatedJob() throws Exception {
    acceptJobs();

    Cli.Result result = start("-n", "My Backup Job", "-a", KEY, "--json");

    assertThat(FerryClient.JSON.readTree(result.out()).path("id").asText()).isEqualTo(JOB);
  }

  @Test
  void unreachableServerIsReportedWithItsUrl() throws Exception {
    String url = server.url();
    server.close();

    Cli.Result result =
        Cli.run("start", "--host", url, "--data-dir", dataDir.toString(), "-n", "x", "-a", KEY);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cannot connect to " + url);
  }

  @Test
  void hostWithoutSchemeMeansHttpsAndDefaultsToTheLocalPort() {
    assertThat(FerryClient.baseUrl(ServerOptions.DEFAULT_HOST))
        .isEqualTo("https://127.0.0.1:44399");
    assertThat(FerryClient.baseUrl("192.168.1.10:44399")).isEqualTo("https://192.168.1.10:44399");
    assertThat(FerryClient.baseUrl("http://h:8080/")).isEqualTo("http://h:8080");
  }

  @Test
  void withoutHostStartCallsThePortServeTakesFromTheSameEnvironment() {
    assertThat(ServerOptions.defaultHost(Map.of())).isEqualTo("127.0.0.1:44399");
    assertThat(ServerOptions.defaultHost(Map.of("FERRY_HTTP_PORT", "8443"))).isEqualTo("127.0.0.1:8443");
    // 0 lets serve pick a free port, which start cannot know; nonsense is no port either
    assertThat(ServerOptions.defaultHost(Map.of("FERRY_HTTP_PORT", "0"))).isEqualTo("127.0.0.1:44399");
    assertThat(ServerOptions.defaultHost(Map.of("FERRY_HTTP_PORT", "70000"))).isEqualTo("127.0.0.1:44399");
  }
}
