package ferry.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script step's contract with StepContext.runScript (the real script engine is wired by the runner). */
class ScriptStepTest {
  @TempDir Path tmp;

  @Test
  void scriptGetsParamsFilesAndWorkDirAndItsFilesGoOn() throws Exception {
    AtomicReference<Map<String, String>> seen = new AtomicReference<>();
    TestContext ctx =
        new TestContext(tmp)
            .script(
                (name, params) -> {
                  seen.set(params);
                  Path dir = Path.of(params.get("work_dir"));
                  Files.writeString(dir.resolve("report.txt"), "checked " + params.get("files"));
                  Files.delete(dir.resolve("drop.me"));
                  return 0;
                });
    WorkFile a = ctx.file("sub/a.csv", "A");
    List<WorkFile> out =
        ctx.run(List.of(a, ctx.file("drop.me", "x")), "script", "script", "check-batch", "params", Map.of("mode", "strict", "limit", 3L));
    Map<String, String> p = seen.get();
    assertThat(p).containsEntry("mode", "strict").containsEntry("limit", "3");
    assertThat(new ObjectMapper().readValue(p.get("files"), String[].class)).containsExactly("sub/a.csv", "drop.me");
    assertThat(SimpleStepsTest.names(out)).containsExactly("report.txt", "sub/a.csv");
    assertThat(out.get(1).modified()).isEqualTo(a.modified());
    assertThat(out.get(1).origin()).isEqualTo(a.origin());
    assertThat(Files.readString(a.path())).isEqualTo("A");
    assertThat(Files.exists(ctx.file("drop.me", "x").path())).isTrue();
  }

  @Test
  void aNonZeroExitFailsTheStepNamingTheCode() throws Exception {
    TestContext ctx = new TestContext(tmp).script((name, params) -> 3);
    List<WorkFile> in = List.of(ctx.file("a", "A"));
    assertThatThrownBy(() -> ctx.run(in, "script", "script", "check-batch"))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("script check-batch exited with code 3")
        .matches(e -> !((StepFailedException) e).retryable());
  }

  @Test
  void aScriptThatCannotRunIsAnIoError() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a", "A"));
    assertThatThrownBy(() -> ctx.run(in, "script", "script", "gone")).isInstanceOf(java.io.IOException.class).hasMessage("no script gone");
  }

  @Test
  void aSymlinkTheScriptLeavesIsNotTakenAlong() throws Exception {
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "secret");
    TestContext ctx =
        new TestContext(tmp)
            .script(
                (name, params) -> {
                  Files.createSymbolicLink(Path.of(params.get("work_dir")).resolve("link.txt"), outside);
                  return 0;
                });
    List<WorkFile> out = ctx.run(List.of(ctx.file("a", "A")), "script", "script", "s");
    assertThat(SimpleStepsTest.names(out)).containsExactly("a");
  }
}
