package ferry.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** filter, rename, gzip, gunzip and the factory's own rules. */
class SimpleStepsTest {
  @TempDir Path tmp;

  @Test
  void filterKeepsByGlobRegexAndSize() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in =
        List.of(ctx.file("a.csv", "12345"), ctx.file("dir/B.CSV", "1"), ctx.file("c.txt", "12345"), ctx.file("inv_7.csv", "123"));
    assertThat(names(ctx.run(in, "filter", "pattern", "*.csv"))).containsExactly("a.csv", "dir/B.CSV", "inv_7.csv");
    assertThat(names(ctx.run(in, "filter", "regex", "inv_[0-9]+\\.csv"))).containsExactly("inv_7.csv");
    assertThat(names(ctx.run(in, "filter", "pattern", "*.csv", "min_size", 2L, "max_size", 4L))).containsExactly("inv_7.csv");
    assertThat(ctx.run(in, "filter", "pattern", "*.csv").get(0).path()).isEqualTo(in.get(0).path());
  }

  @Test
  void renameKeepsTheFolderAndTheBytes() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a.csv", "A"), ctx.file("sub/b.csv", "B"));
    List<WorkFile> out = ctx.run(in, "rename", "template", "{stem}-{date}-{counter:3}.{ext}");
    assertThat(names(out)).containsExactly("a-20260304-001.csv", "sub/b-20260304-002.csv");
    assertThat(out.get(1).path()).isEqualTo(in.get(1).path());
    assertThat(Files.readString(in.get(1).path())).isEqualTo("B");
  }

  @Test
  void renameToOneNameForTwoFilesFails() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a.csv", "A"), ctx.file("b.csv", "B"));
    assertThatThrownBy(() -> ctx.run(in, "rename", "template", "fixed.csv"))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("two files would be named fixed.csv")
        .matches(e -> !((StepFailedException) e).retryable());
  }

  @Test
  void renameThatEscapesFailsWithoutWriting() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a.csv", "A"));
    assertThatThrownBy(() -> ctx.run(in, "rename", "template", "../../{name}"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("must make a relative file name");
  }

  @Test
  void gzipThenGunzipGivesTheBytesBackAndGzipAgrees() throws Exception {
    TestContext ctx = new TestContext(tmp);
    byte[] data = Bytes.random(300_000, 7);
    List<WorkFile> in = List.of(ctx.file("d/data.bin", data), ctx.file("note.txt", "hello"));
    List<WorkFile> gz = ctx.run(in, "gzip");
    assertThat(names(gz)).containsExactly("d/data.bin.gz", "note.txt.gz");
    assertThat(gz.get(0).size()).isEqualTo(Files.size(gz.get(0).path()));
    Path delivered = ctx.deliver(gz);
    TestContext.Result t = TestContext.exec(delivered, "gzip", "-t", "d/data.bin.gz", "note.txt.gz");
    assertThat(t.code()).as(t.output()).isZero();

    List<WorkFile> back = ctx.run(gz, "gunzip");
    assertThat(names(back)).containsExactly("d/data.bin", "note.txt");
    assertThat(Files.readAllBytes(back.get(0).path())).isEqualTo(data);
    assertThat(Files.readAllBytes(in.get(0).path())).isEqualTo(data);
  }

  @Test
  void gunzipPassesOtherFilesAndRefusesATruncatedOne() throws Exception {
    TestContext ctx = new TestContext(tmp);
    WorkFile plain = ctx.file("plain.txt", "x");
    assertThat(ctx.run(List.of(plain), "gunzip")).containsExactly(plain);
    List<WorkFile> gz = ctx.run(List.of(ctx.file("big.bin", Bytes.random(100_000, 1))), "gzip");
    byte[] cut = Files.readAllBytes(gz.get(0).path());
    WorkFile truncated = ctx.file("cut.gz", java.util.Arrays.copyOf(cut, cut.length / 2));
    assertThatThrownBy(() -> ctx.run(List.of(truncated), "gunzip"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("cut.gz is not a complete gzip file");
    WorkFile garbage = ctx.file("junk.gz", "not gzip at all");
    assertThatThrownBy(() -> ctx.run(List.of(garbage), "gunzip")).isInstanceOf(StepFailedException.class);
  }

  @Test
  void unknownTypeAndBadOptionsAreRefusedWhenTheRunnerIsMade() {
    assertThatThrownBy(() -> Steps.runner(TestContext.spec("shred"))).hasMessage("unknown step type shred");
    assertThatThrownBy(() -> Steps.runner(TestContext.spec("rename", "template", "{bad}"))).hasMessageContaining("{bad}");
    assertThatThrownBy(() -> Steps.runner(TestContext.spec("checksum", "algorithm", "crc32"))).hasMessageContaining("crc32");
  }

  @Test
  void aCancelledRunStopsBetweenFiles() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a", "A"), ctx.file("b", "B"));
    ctx.cancel();
    for (String type : List.of("gzip", "zip", "checksum")) {
      assertThatThrownBy(() -> ctx.run(in, type)).as(type).isInstanceOf(java.util.concurrent.CancellationException.class);
    }
  }

  @Test
  void everyTypeOfTheContractMakesARunner() {
    Map<String, Object[]> examples =
        Map.ofEntries(
            Map.entry("filter", new Object[] {"pattern", "*.csv"}),
            Map.entry("rename", new Object[] {"template", "{stem}-{date}-{counter}.{ext}"}),
            Map.entry("zip", new Object[] {"name", "batch-{date}.zip"}),
            Map.entry("unzip", new Object[] {}),
            Map.entry("gzip", new Object[] {}),
            Map.entry("gunzip", new Object[] {}),
            Map.entry("pgp-encrypt", new Object[] {"recipients", List.of("partner-pub"), "armor", false, "sign_with", "our-key", "passphrase", "p"}),
            Map.entry("pgp-decrypt", new Object[] {"private_key", "our-key", "passphrase", "p"}),
            Map.entry("pgp-sign", new Object[] {"private_key", "our-key", "passphrase", "p", "detached", true}),
            Map.entry("pgp-verify", new Object[] {"public_keys", List.of("partner-pub")}),
            Map.entry("checksum", new Object[] {"mode", "manifest", "name", "SHA256SUMS"}),
            Map.entry("script", new Object[] {"script", "check-batch", "params", Map.of("mode", "strict")}),
            Map.entry("webhook", new Object[] {"url", "https://hooks.example/x", "secret", "hook-secret"}));
    assertThat(examples.keySet()).containsExactlyInAnyOrderElementsOf(Steps.TYPES);
    examples.forEach((type, options) -> assertThat(Steps.runner(TestContext.spec(type, options))).as(type).isNotNull());
  }

  static List<String> names(List<WorkFile> files) {
    return files.stream().map(WorkFile::name).toList();
  }
}
