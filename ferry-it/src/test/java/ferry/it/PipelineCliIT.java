package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ferry pipeline} commands against a real {@code ferry serve} (issue 14): put a
 * pipeline from a file and again as version 2, read it back, list it, refuse a YAML with the line
 * of its mistake, run it and follow its steps to the end, list its runs, delete it.
 */
class PipelineCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static FerryProcess server;
  static Path home;

  @BeforeAll
  static void start() throws Exception {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    home = Files.createDirectories(tmp.resolve("alice-home"));
    Files.createDirectories(home.resolve("in"));
    Files.createDirectories(home.resolve("out"));
    Files.writeString(home.resolve("in").resolve("a.csv"), "1,2,3\n");
    Files.writeString(home.resolve("in").resolve("b.csv"), "4,5,6\n");
    Launch.Result add = ferry("user", "add", "--username", "alice", "--password", "Pipeline-cli-Passw0rd",
        "--home-dir", home.toString(), "--permissions", "/=*");
    assertThat(add.exitCode()).as(add.toString()).isZero();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  static String yaml(String destination) {
    return "source:\n  user: alice\n  path: /in\nsteps:\n  - type: gzip\ndestination:\n"
        + destination + "  path: /out\n";
  }

  @Test
  void putGetListRunAndDeleteAPipeline() throws Exception {
    Path v1 = Files.writeString(tmp.resolve("v1.yaml"), yaml("  user: alice\n"));
    Launch.Result created = ferry("pipeline", "put", "nightly", "-f", v1.toString(), "--name", "Nightly");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.out()).contains("created pipeline nightly", "version 1");

    String v2 = yaml("  user: alice\n") + "# version 2\n";
    Launch.Result updated = Launch.run(List.of("pipeline", "put", "nightly", "-f", "-"), new HashMap<>(), tmp, v2);
    assertThat(updated.exitCode()).as(updated.toString()).isZero();
    assertThat(updated.out()).contains("updated pipeline nightly", "version 2");
    assertThat(ferry("pipeline", "get", "nightly").out()).isEqualTo(v2);
    assertThat(ferry("pipeline", "get", "nightly", "--yaml-version", "1").out()).isEqualTo(Files.readString(v1));

    Launch.Result list = ferry("pipeline", "list", "--json");
    assertThat(list.exitCode()).as(list.toString()).isZero();
    JsonNode all = JSON.readTree(list.out());
    assertThat(all.findValuesAsText("identifier")).containsExactly("nightly");
    assertThat(all.get(0).path("version").asInt()).isEqualTo(2);
    assertThat(ferry("pipeline", "list").out()).contains("nightly", "manual");

    Launch.Result run = ferry("pipeline", "run", "nightly", "--wait");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("step 0", "completed");
    Launch.Result runs = ferry("pipeline", "runs", "nightly", "--json");
    assertThat(runs.exitCode()).as(runs.toString()).isZero();
    JsonNode history = JSON.readTree(runs.out());
    assertThat(history.findValuesAsText("status")).containsExactly("completed");

    Launch.Result deleted = ferry("pipeline", "delete", "nightly");
    assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    assertThat(ferry("pipeline", "list").out()).contains("no pipelines");
    Launch.Result gone = ferry("pipeline", "get", "nightly");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("no pipeline nightly");
  }

  @Test
  void aMistakeInLine7IsNamedWithItsLineByDryRunAndPut() throws Exception {
    // line 7 names a VFS Library entry that does not exist
    Path bad = Files.writeString(tmp.resolve("bad.yaml"), yaml("  vfs: no-such-entry\n"));
    Launch.Result dry = ferry("pipeline", "dry-run", "-f", bad.toString());
    assertThat(dry.exitCode()).as(dry.toString()).isEqualTo(1);
    assertThat(dry.err()).contains("line 7", "no-such-entry");

    Launch.Result put = ferry("pipeline", "put", "broken", "-f", bad.toString());
    assertThat(put.exitCode()).as(put.toString()).isEqualTo(1);
    assertThat(put.err()).contains("line 7", "no-such-entry");
    assertThat(ferry("pipeline", "list", "--search", "broken").out()).contains("no pipelines");

    Path good = Files.writeString(tmp.resolve("good.yaml"), yaml("  user: alice\n"));
    Launch.Result ok = ferry("pipeline", "dry-run", "-f", good.toString(), "--json");
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(JSON.readTree(ok.out()).path("steps").get(0).asText()).isEqualTo("gzip");
  }

  static Launch.Result ferry(String... args) {
    return Launch.run(List.of(args), new HashMap<>(), tmp, null);
  }
}
