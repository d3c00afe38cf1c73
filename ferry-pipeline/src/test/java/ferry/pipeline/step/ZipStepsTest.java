package ferry.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipStepsTest {
  @TempDir Path tmp;

  @Test
  void zipHoldsEveryFileUnderItsRelativeNameAndInfoZipAgrees() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = new ArrayList<>();
    for (int i = 0; i < 20; i++) in.add(ctx.file("f" + i + ".csv", "row " + i + "\n"));
    in.add(ctx.file("sub/deep/big.bin", Bytes.random(2_000_000, 3)));
    List<WorkFile> zip = ctx.run(in, "zip", "name", "batch-{date}.zip");
    assertThat(SimpleStepsTest.names(zip)).containsExactly("batch-20260304.zip");
    Path dir = ctx.deliver(zip);

    TestContext.Result test = TestContext.exec(dir, "unzip", "-t", "batch-20260304.zip");
    assertThat(test.code()).as(test.output()).isZero();
    assertThat(test.output()).contains("No errors detected").contains("sub/deep/big.bin");
    TestContext.Result x = TestContext.exec(dir, "unzip", "-q", "batch-20260304.zip", "-d", "x");
    assertThat(x.code()).as(x.output()).isZero();
    for (WorkFile f : in) assertThat(dir.resolve("x").resolve(f.name())).hasSameBinaryContentAs(f.path());
  }

  @Test
  void zipNameDefaultsToTheRunIdAndUnzipRestoresTheFiles() throws Exception {
    TestContext ctx = new TestContext(tmp);
    List<WorkFile> in = List.of(ctx.file("a.txt", "A"), ctx.file("b/c.txt", "C"));
    List<WorkFile> zip = ctx.run(in, "zip");
    assertThat(zip.get(0).name()).isEqualTo("run-1.zip");
    WorkFile other = ctx.file("keep.me", "K");
    List<WorkFile> out = ctx.run(List.of(zip.get(0), other), "unzip");
    assertThat(SimpleStepsTest.names(out)).containsExactly("a.txt", "b/c.txt", "keep.me");
    assertThat(Files.readString(out.get(1).path())).isEqualTo("C");
    assertThat(out.get(2)).isEqualTo(other);
  }

  @Test
  void membersLandInTheZipsFolder() throws Exception {
    TestContext ctx = new TestContext(tmp);
    WorkFile z = ctx.file("in/x.ZIP", zipOf("m.txt"));
    assertThat(SimpleStepsTest.names(ctx.run(List.of(z), "unzip"))).containsExactly("in/m.txt");
  }

  @Test
  void zipSlipIsRefusedAndNothingIsWrittenOutside() throws Exception {
    TestContext ctx = new TestContext(tmp);
    for (String evil : new String[] {"../evil.txt", "a/../../evil.txt", "/abs/evil.txt"}) {
      WorkFile z = ctx.file("evil.zip", zipOf("ok.txt", evil));
      assertThatThrownBy(() -> ctx.run(List.of(z), "unzip"))
          .as(evil)
          .isInstanceOf(StepFailedException.class)
          .hasMessageContaining("unsafe member name " + evil);
    }
    try (var walk = Files.walk(tmp)) {
      assertThat(walk.filter(p -> p.getFileName().toString().equals("evil.txt"))).isEmpty();
    }
  }

  @Test
  void tooManyEntriesAreRefused() throws Exception {
    TestContext ctx = new TestContext(tmp);
    WorkFile z = ctx.file("many.zip", zipOf("1", "2", "3", "4"));
    assertThatThrownBy(() -> ctx.run(List.of(z), "unzip", "max_entries", 3L))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("4 entries, more than max_entries 3");
    assertThat(ctx.run(List.of(z), "unzip", "max_entries", 4L)).hasSize(4);
  }

  @Test
  void decompressionBombsStopAtMaxBytes() throws Exception {
    TestContext ctx = new TestContext(tmp);
    byte[] zeros = new byte[8 << 20]; // 8 MiB of zeros shrink to a few KiB
    var zipped = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
      zip.putNextEntry(new ZipEntry("a.bin"));
      zip.write(zeros);
      zip.putNextEntry(new ZipEntry("b.bin"));
      zip.write(zeros);
    }
    WorkFile z = ctx.file("bomb.zip", zipped.toByteArray());
    assertThatThrownBy(() -> ctx.run(List.of(z), "unzip", "max_bytes", 12L << 20))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("bomb.zip's members add up to more than max_bytes (12582912 bytes)");
    assertThat(ctx.run(List.of(z), "unzip", "max_bytes", 16L << 20)).hasSize(2);

    var gzipped = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(gzipped)) {
      gz.write(zeros);
    }
    WorkFile g = ctx.file("bomb.bin.gz", gzipped.toByteArray());
    assertThatThrownBy(() -> ctx.run(List.of(g), "gunzip", "max_bytes", 1L << 20))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("bomb.bin.gz decompresses to more than max_bytes (1048576 bytes)");
  }

  @Test
  void notAZipFailsTheStep() throws Exception {
    TestContext ctx = new TestContext(tmp);
    WorkFile z = ctx.file("fake.zip", "nope");
    assertThatThrownBy(() -> ctx.run(List.of(z), "unzip")).isInstanceOf(StepFailedException.class).hasMessageContaining("fake.zip");
  }

  private static byte[] zipOf(String... names) throws Exception {
    var bytes = new java.io.ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String n : names) {
        zip.putNextEntry(new ZipEntry(n));
        OutputStream o = zip;
        o.write(("content of " + n).getBytes());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
