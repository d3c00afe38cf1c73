package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {
  static final String CLI_KEY = "cliKeyId00000000000000.secret";
  static final String JOB = "runJob00000000000000aa";
  static final String SOURCE = "Log.Info('copying to ' + Params('destination'));\n";

  @TempDir Path dir;
  Path dataDir;
  Path script;
  FakeFerry server;
  final AtomicReference<List<Object>> localRun = new AtomicReference<>();

  @BeforeEach
  void setUp() throws Exception {
    dataDir = dir.resolve("data");
    Files.createDirectories(dataDir);
    script = Files.writeString(dir.resolve("my-transfer.js"), SOURCE);
    server = FakeFerry.http();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  /** Runs {@code ferry run} with a stand-in for DirectRunner that records its arguments. */
  Cli.Result run(String... args) {
    List<String> all =
        new ArrayList<>(List.of("run", "-f", script.toString(), "--data-dir", dataDir.toString()));
    all.addAll(List.of(args));
    return Cli.run(this::recordLocalRuns, all.toArray(String[]::new));
  }

  void recordLocalRuns(CommandLine cl) {
    RunCommand command = Cli.command(cl, "run");
    command.localRunner =
        (dataDir, dbUrl, file, params, out, err) -> {
          localRun.set(Arrays.asList(dataDir, dbUrl, file, params, out, err));
          return params.containsKey("fail") ? 1 : 0;
        };
  }

  @Test
  void delegatesToTheServerOnTheDataDirWithItsCliKeyAndFollowsTheJob() throws Exception {
    server.advertiseIn(dataDir, CLI_KEY);
    ScriptedJob job =
        new ScriptedJob(JOB, List.of(List.of("copying to /archive/2026")), "completed", 0, null);
    server.on("POST", "/v1/adm/run", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    Cli.Result result = run("-p", "{\"destination\":\"/archive/2026\"}");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).contains("INFO  copying to /archive/2026");
    FakeFerry.Request request = server.only("POST", "/v1/adm/run");
    assertThat(request.header("X-API-Key")).isEqualTo(CLI_KEY);
    assertThat(request.json().path("name").asText()).isEqualTo("my-transfer.js");
    assertThat(request.json().path("source").asText()).isEqualTo(SOURCE);
    assertThat(request.json().path("params").toString())
        .isEqualTo("{\"destination\":\"/archive/2026\"}");
    assertThat(localRun.get()).isNull();
  }

  @Test
  void delegatedRunSendsEmptyParamsWhenNoneAreGivenAndTheArrayFormAsGiven() throws Exception {
    server.advertiseIn(dataDir, CLI_KEY);
    ScriptedJob job = new ScriptedJob(JOB, List.of(List.of()), "completed", 0, null);
    server.on("POST", "/v1/adm/run", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    assertThat(run().exitCode()).isZero();
    assertThat(run("--params", "[{\"name\":\"d\",\"value\":\"x\"}]").exitCode()).isZero();

    List<FakeFerry.Request> posts =
        server.requests().stream().filter(r -> r.method().equals("POST")).toList();
    assertThat(posts.get(0).json().path("params").toString()).isEqualTo("{}");
    assertThat(posts.get(1).json().path("params").toString())
        .isEqualTo("[{\"name\":\"d\",\"value\":\"x\"}]");
  }

  @Test
  void delegatedRunExitsOneWhenTheScriptFails() throws Exception {
    server.advertiseIn(dataDir, CLI_KEY);
    ScriptedJob job =
        new ScriptedJob(
            JOB,
            List.of(List.of("!TypeError: x is undefined")),
            "failed",
            1,
            "TypeError: x is undefined");
    server.on("POST", "/v1/adm/run", 201, job.created()).on("GET", ScriptedJob.path(JOB), job);

    Cli.Result result = run();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).contains("ERROR TypeError: x is undefined");
    assertThat(result.err()).contains("failed");
  }

  @Test
  void refusalWhileAllowCliRunIsOffPrintsTheServersMessageAndExitsOne() throws Exception {
    server.advertiseIn(dataDir, CLI_KEY);
    String message =
        "Allow CLI Run is off; an admin can turn it on with `ferry settings set allow-cli-run"
            + " true`";
    server.on("POST", "/v1/adm/run", r -> FakeFerry.Reply.error(403, "Forbidden", message));

    Cli.Result result = run();

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains(message);
    assertThat(localRun.get()).isNull();
  }

  @Test
  void runsInThisProcessWhenNoServerRunsOnTheDataDir() {
    Cli.Result result =
        run(
            "--db-url",
            "jdbc:h2:mem:x",
            "-p",
            "[{\"name\":\"destination\",\"value\":\"/archive\"}]");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    List<Object> args = localRun.get();
    assertThat(args.get(0)).isEqualTo(dataDir);
    assertThat(args.get(1)).isEqualTo("jdbc:h2:mem:x");
    assertThat(args.get(2)).isEqualTo(script);
    assertThat(args.get(3)).isEqualTo(Map.of("destination", "/archive"));
    assertThat(args.get(4)).isSameAs(System.out);
    assertThat(args.get(5)).isInstanceOf(PrintStream.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void localRunPassesOnTheRunnersExitCode() {
    Cli.Result result = run("-p", "{\"fail\":true}");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(localRun.get().get(1)).isNull();
    assertThat(localRun.get().get(3)).isEqualTo(Map.of("fail", "true"));
  }

  @Test
  void staleServerJsonFromACrashedServerMeansRunLocally() throws Exception {
    server.advertiseIn(dataDir, CLI_KEY);
    server.close();

    Cli.Result result = run();

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(localRun.get()).isNotNull();
  }

  @Test
  void missingScriptFileIsAUsageError() {
    Cli.Result result =
        Cli.run(
            this::recordLocalRuns,
            "run",
            "-f",
            dir.resolve("nope.js").toString(),
            "--data-dir",
            dataDir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Script file not found");
    assertThat(localRun.get()).isNull();
  }

  @Test
  void missingFileOptionIsAUsageError() {
    Cli.Result result = Cli.run("run", "--data-dir", dataDir.toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--file");
  }
}
