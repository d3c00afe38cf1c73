package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code ferry pipeline} against a scripted server: what it sends, prints and exits with. */
class PipelineCommandTest extends AdminTestSupport {
  static final String ID = "0f3c1a2b-0000-4000-8000-000000000001";
  static final String RUN = "9e8d7c6b-0000-4000-8000-000000000002";
  static final String PIPELINE = "{\"id\":\"" + ID + "\",\"identifier\":\"nightly\",\"name\":\"nightly\","
      + "\"enabled\":true,\"version\":3,\"trigger\":\"manual\",\"customer\":null,\"lastRun\":null}";
  static final String LIST = "{\"success\":true,\"data\":[" + PIPELINE + "],\"pagination\":{\"page\":1,\"limit\":100,"
      + "\"total\":1,\"totalPages\":1}}";
  static final String EMPTY = "{\"success\":true,\"data\":[],\"pagination\":{\"page\":1,\"limit\":100,\"total\":0,"
      + "\"totalPages\":0}}";

  private Path yaml(String text) throws Exception {
    return Files.writeString(dataDir.resolve("p.yaml"), text);
  }

  @Test
  void putCreatesAPipelineThatDoesNotExist() throws Exception {
    server.on("GET", PipelineCommand.PATH, 200, EMPTY)
        .on("POST", PipelineCommand.PATH, 201, "{\"success\":true,\"data\":" + PIPELINE.replace("\"version\":3", "\"version\":1") + "}");

    Cli.Result r = ferry("pipeline", "put", "nightly", "-f", yaml("source: {vfs: a}\n").toString(), "--name", "N");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    FakeFerry.Request sent = server.only("POST", PipelineCommand.PATH);
    assertThat(sent.header("X-API-Key")).isEqualTo(CLI_KEY);
    assertThat(sent.json().path("identifier").asText()).isEqualTo("nightly");
    assertThat(sent.json().path("name").asText()).isEqualTo("N");
    assertThat(sent.json().path("yaml").asText()).isEqualTo("source: {vfs: a}\n");
    assertThat(sent.json().path("enabled").asBoolean()).isTrue();
    assertThat(r.out()).contains("created pipeline nightly");
  }

  @Test
  void putOfAnExistingIdentifierMakesANewVersion() throws Exception {
    server.on("GET", PipelineCommand.PATH, 200, LIST)
        .on("PUT", PipelineCommand.PATH + "/" + ID + "/yaml", 200,
            "{\"success\":true,\"data\":" + PIPELINE.replace("\"version\":3", "\"version\":4") + "}");

    Cli.Result r = ferry("pipeline", "put", "nightly", "-f", yaml("x: 1\n").toString());

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(server.only("PUT", PipelineCommand.PATH + "/" + ID + "/yaml").json().path("yaml").asText())
        .isEqualTo("x: 1\n");
    assertThat(server.requests()).noneMatch(q -> q.method().equals("POST"));
    assertThat(r.out()).contains("updated pipeline nightly", "version 4");
  }

  @Test
  void aRefusedYamlListsEveryProblemWithItsLine() throws Exception {
    server.on("GET", PipelineCommand.PATH, 200, EMPTY)
        .on("POST", PipelineCommand.PATH, 400, "{\"success\":false,\"error\":\"line 7: unknown VFS Library entry"
            + " nowhere\",\"details\":{\"field\":\"yaml\",\"line\":7,\"column\":8,\"path\":\"/destination/vfs\","
            + "\"problems\":[{\"line\":7,\"column\":8,\"path\":\"/destination/vfs\",\"message\":\"unknown VFS Library"
            + " entry nowhere\"},{\"line\":3,\"column\":5,\"path\":\"/steps/0/type\",\"message\":\"unknown step\"}]}}");

    Cli.Result r = ferry("pipeline", "put", "nightly", "-f", yaml("bad").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("line 7, column 8: /destination/vfs: unknown VFS Library entry nowhere",
        "line 3, column 5: /steps/0/type: unknown step");
  }

  @Test
  void runWaitPrintsEachStepAsItChangesAndFailsWithTheRun() {
    String[] states = {
        "{\"id\":\"" + RUN + "\",\"status\":\"queued\",\"steps\":[]}",
        "{\"id\":\"" + RUN + "\",\"status\":\"running\",\"steps\":[{\"index\":0,\"type\":\"source\",\"status\":\"running\"}]}",
        "{\"id\":\"" + RUN + "\",\"status\":\"running\",\"steps\":[{\"index\":0,\"type\":\"source\",\"status\":\"running\"}]}",
        "{\"id\":\"" + RUN + "\",\"status\":\"running\",\"steps\":[{\"index\":0,\"type\":\"source\",\"status\":\"completed\","
            + "\"filesIn\":0,\"filesOut\":2,\"bytesOut\":20,\"attempts\":1},{\"index\":1,\"type\":\"zip\",\"status\":\"running\"}]}",
        "{\"id\":\"" + RUN + "\",\"status\":\"failed\",\"error\":\"step 1 (zip): disk full\",\"files\":0,\"steps\":["
            + "{\"index\":0,\"type\":\"source\",\"status\":\"completed\",\"filesIn\":0,\"filesOut\":2,\"bytesOut\":20,"
            + "\"attempts\":1},{\"index\":1,\"type\":\"zip\",\"status\":\"failed\",\"filesIn\":2,\"filesOut\":0,"
            + "\"attempts\":2,\"error\":\"disk full\"}]}"};
    AtomicInteger polls = new AtomicInteger();
    server.on("GET", PipelineCommand.PATH, 200, LIST)
        .on("POST", PipelineCommand.PATH + "/" + ID + "/runs", 201, "{\"success\":true,\"data\":" + states[0] + "}")
        .on("GET", PipelineCommand.PATH + "/" + ID + "/runs/" + RUN, r -> new FakeFerry.Reply(200,
            "{\"success\":true,\"data\":" + states[Math.min(polls.getAndIncrement(), states.length - 1)] + "}"));

    List<String> args = new ArrayList<>(List.of("pipeline", "run", "nightly", "--wait", "--data-dir",
        dataDir.toString()));
    Cli.Result r = Cli.run(cl -> Cli.<PipelineRunCommand.Run>command(cl, "pipeline", "run").pollInterval =
        Duration.ofMillis(5), args.toArray(String[]::new));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out().lines().filter(l -> l.startsWith("step ")).toList()).containsExactly(
        "step 0 source: running",
        "step 0 source: completed (0 files in, 2 out, 20 bytes out)",
        "step 1 zip: running",
        "step 1 zip: failed (2 files in, 0 out, 0 bytes out, attempt 2): disk full");
    assertThat(r.err()).contains("run " + RUN + " failed: step 1 (zip): disk full");
  }

  @Test
  void runWithoutWaitPrintsTheQueuedRunAndAnUnknownPipelineFails() {
    server.on("GET", PipelineCommand.PATH, 200, LIST)
        .on("POST", PipelineCommand.PATH + "/" + ID + "/runs", 201,
            "{\"success\":true,\"data\":{\"id\":\"" + RUN + "\",\"status\":\"queued\"}}");

    Cli.Result r = ferry("pipeline", "run", "nightly");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out()).contains("run " + RUN + " of nightly queued");

    Cli.Result missing = ferry("pipeline", "run", "other");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("no pipeline other of the admins");
  }

  @Test
  void dryRunExitsOneForARefusedYamlAndListsSimulatedFiles() throws Exception {
    server.on("POST", PipelineCommand.PATH + "/dry-run", r -> r.json().path("yaml").asText().startsWith("bad")
        ? new FakeFerry.Reply(200, "{\"success\":true,\"data\":{\"valid\":false,\"errors\":[{\"line\":2,\"column\":3,"
            + "\"path\":\"/source\",\"message\":\"vfs or user is required\"}],\"trigger\":null,\"steps\":[],"
            + "\"destinations\":[]}}")
        : new FakeFerry.Reply(200, "{\"success\":true,\"data\":{\"valid\":true,\"errors\":[],\"trigger\":\"cron\","
            + "\"steps\":[\"zip\"],\"destinations\":[\"vfs:out:/in\"],\"files\":[{\"path\":\"/a.csv\",\"size\":5,"
            + "\"modified\":\"2026-12-06T10:00:00Z\"}]}}"));

    Cli.Result bad = ferry("pipeline", "dry-run", "-f", yaml("bad: 1\n").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("line 2, column 3: /source: vfs or user is required");

    Cli.Result ok = ferry("pipeline", "dry-run", "-f", yaml("good: 1\n").toString(), "--simulate");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains("valid: trigger cron, steps zip, to vfs:out:/in", "/a.csv");
    assertThat(server.requests().getLast().json().path("simulate").asBoolean()).isTrue();
  }

  @Test
  void listGetRunsAndDelete() {
    server.on("GET", PipelineCommand.PATH, 200, LIST)
        .on("GET", PipelineCommand.PATH + "/" + ID + "/versions/3", 200,
            "{\"success\":true,\"data\":{\"version\":3,\"yaml\":\"source: {vfs: a}\\n\"}}")
        .on("GET", PipelineCommand.PATH + "/" + ID + "/runs", 200, "{\"success\":true,\"data\":[{\"id\":\"" + RUN
            + "\",\"status\":\"completed\",\"trigger\":\"cron\",\"triggeredBy\":\"system\",\"files\":3,\"bytesOut\":9}]}")
        .on("DELETE", PipelineCommand.PATH + "/" + ID, 200, "{\"success\":true,\"data\":{\"deleted\":true}}");

    assertThat(ferry("pipeline", "list").out()).contains("nightly", ID, "manual");
    assertThat(ferry("pipeline", "get", "nightly").out()).isEqualTo("source: {vfs: a}\n");
    Cli.Result runs = ferry("pipeline", "runs", "nightly", "--status", "completed");
    assertThat(runs.out()).contains(RUN, "completed", "cron");
    assertThat(server.requests().getLast().query()).contains("status=completed");
    assertThat(ferry("pipeline", "delete", "nightly").out()).contains("deleted pipeline nightly");
    assertThat(server.only("DELETE", PipelineCommand.PATH + "/" + ID)).isNotNull();
  }
}
