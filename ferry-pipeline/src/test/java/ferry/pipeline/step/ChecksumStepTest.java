package ferry.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumStepTest {
  @TempDir Path tmp;

  @Test
  void manifestPassesSha256sumCheck() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a.csv", "A\n"), ctx.file("sub/b c.bin", Bytes.random(100_000, 2)));
    List<WorkFile> out = ctx.run(in, "checksum");
    assertThat(SimpleStepsTest.names(out)).containsExactly("a.csv", "sub/b c.bin", "SHA256SUMS");
    assertThat(out.subList(0, 2)).isEqualTo(in);
    assertThat(Files.readString(out.get(2).path()))
        .startsWith("06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0  a.csv\n");
    Path dir = ctx.deliver(out);
    TestContext.Result r = TestContext.exec(dir, "sha256sum", "-c", "SHA256SUMS");
    assertThat(r.code()).as(r.output()).isZero();
    assertThat(r.output()).contains("a.csv: OK").contains("sub/b c.bin: OK");

    Files.writeString(dir.resolve("a.csv"), "changed");
    assertThat(TestContext.exec(dir, "sha256sum", "-c", "SHA256SUMS").code()).isNotZero();
  }

  @Test
  void sidecarsAndOtherAlgorithmsMatchCoreutils() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("d/x.bin", Bytes.random(5000, 4)));
    Path dir = ctx.deliver(ctx.run(in, "checksum", "mode", "sidecar", "algorithm", "sha512"));
    TestContext.Result r = TestContext.exec(dir.resolve("d"), "sha512sum", "-c", "x.bin.sha512");
    assertThat(r.code()).as(r.output()).isZero();

    List<WorkFile> md5 = ctx.run(in, "checksum", "algorithm", "md5", "name", "sums.md5");
    assertThat(md5.get(1).name()).isEqualTo("sums.md5");
    TestContext.Result m = TestContext.exec(ctx.deliver(md5), "md5sum", "-c", "sums.md5");
    assertThat(m.code()).as(m.output()).isZero();
  }

  @Test
  void aManifestNamedLikeAFileFails() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("SHA256SUMS", "mine"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.run(in, "checksum"))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("two files would be named SHA256SUMS");
  }
}
