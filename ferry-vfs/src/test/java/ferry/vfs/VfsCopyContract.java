package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link VfsCopier} against the backend under test, with memory and local disk on the other side.
 */
public abstract class VfsCopyContract extends VfsContractSupport {
  protected static final long MIB = 1024 * 1024;

  protected VfsCopier copier(OverwritePolicy policy) {
    return new VfsCopier(CopyOptions.defaults().withOverwrite(policy), Clock.systemUTC());
  }

  private MemoryVfs sampleTree() throws IOException {
    MemoryVfs mem = new MemoryVfs();
    mem.mkdirs(VPath.of("/in/sub/deeper"));
    write(mem, VPath.of("/in/a.csv"), "a,b\n1,2\n".getBytes());
    write(mem, VPath.of("/in/b.txt"), "text".getBytes());
    write(mem, VPath.of("/in/sub/c.csv"), TestData.bytes(70_000, 11));
    write(mem, VPath.of("/in/sub/deeper/empty.csv"), new byte[0]);
    return mem;
  }

  @Test
  void copiesAWholeTreeThereAndBack() throws IOException {
    MemoryVfs mem = sampleTree();
    List<CopyResult> out = copier(OverwritePolicy.ALWAYS).copy(mem, VPath.of("/in"), vfs, base);
    assertThat(out).hasSize(4).allMatch(CopyResult::ok);
    assertThat(names(base.child("in"))).containsExactly("a.csv", "b.txt", "sub");
    assertThat(read(base.resolve("in/sub/c.csv"))).isEqualTo(TestData.bytes(70_000, 11));
    assertThat(vfs.stat(base.resolve("in/sub/deeper/empty.csv")).size()).isZero();

    MemoryVfs back = new MemoryVfs();
    List<CopyResult> in =
        copier(OverwritePolicy.ALWAYS).copy(vfs, base.child("in"), back, VPath.of("/back"));
    assertThat(in).hasSize(4).allMatch(r -> r.outcome() == CopyResult.Outcome.COPIED);
    assertThat(TestData.sha256(back.openRead(VPath.of("/back/in/sub/c.csv"), 0)))
        .isEqualTo(TestData.sha256(70_000, 11));
  }

  @Test
  void copiesOnlyFilesMatchingAGlob() throws IOException {
    MemoryVfs mem = sampleTree();
    List<CopyResult> out =
        copier(OverwritePolicy.ALWAYS).copy(mem, VPath.of("/in/*.csv"), vfs, base.child("csv"));
    assertThat(out).extracting(r -> r.target().name()).containsExactly("a.csv");
    assertThat(names(base.child("csv"))).containsExactly("a.csv");
    List<CopyResult> back =
        copier(OverwritePolicy.ALWAYS)
            .copyMatching(vfs, base.child("csv"), "{a,z}.c?v", mem, VPath.of("/out"));
    assertThat(back).hasSize(1).allMatch(CopyResult::ok);
  }

  @Test
  void overwritePoliciesDecideWhetherAnExistingFileIsReplaced() throws IOException {
    MemoryVfs mem =
        new MemoryVfs("m", Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC));
    write(mem, VPath.of("/f.txt"), "12345".getBytes());
    VPath target = base.child("f.txt");
    write(target, "abcde".getBytes());

    CopyResult never =
        copier(OverwritePolicy.NEVER).copy(mem, VPath.of("/f.txt"), vfs, base).get(0);
    assertThat(never.outcome()).isEqualTo(CopyResult.Outcome.SKIPPED);
    CopyResult sameSize =
        copier(OverwritePolicy.IF_SIZE_DIFFERS).copy(mem, VPath.of("/f.txt"), vfs, base).get(0);
    assertThat(sameSize.outcome()).isEqualTo(CopyResult.Outcome.SKIPPED);
    CopyResult older =
        copier(OverwritePolicy.IF_NEWER).copy(mem, VPath.of("/f.txt"), vfs, base).get(0);
    assertThat(older.outcome()).isEqualTo(CopyResult.Outcome.SKIPPED);
    assertThat(read(target)).isEqualTo("abcde".getBytes());

    CopyResult always =
        copier(OverwritePolicy.ALWAYS).copy(mem, VPath.of("/f.txt"), vfs, base).get(0);
    assertThat(always.outcome()).isEqualTo(CopyResult.Outcome.COPIED);
    assertThat(read(target)).isEqualTo("12345".getBytes());

    write(target, "1234".getBytes());
    CopyResult differs =
        copier(OverwritePolicy.IF_SIZE_DIFFERS).copy(mem, VPath.of("/f.txt"), vfs, base).get(0);
    assertThat(differs.outcome()).isEqualTo(CopyResult.Outcome.COPIED);
    assertThat(read(target)).isEqualTo("12345".getBytes());
    assertThat(names(base)).containsExactly("f.txt");
  }

  /** A trailing slash means "into this directory" on every backend (issue 10). */
  @Test
  void aTargetEndingInASlashIsADirectoryTheFileGoesIntoEvenWhenMissing() throws IOException {
    MemoryVfs mem = new MemoryVfs();
    write(mem, VPath.of("/f.txt"), "data".getBytes());
    VfsCopier copier = copier(OverwritePolicy.ALWAYS);
    VPath f = VPath.of("/f.txt");

    CopyResult into = copier.copyFile(mem, f, vfs, TargetPath.parse(base + "/up/"));
    CopyResult deeper = copier.copyFile(mem, f, vfs, TargetPath.parse(base + "/a/b/"));
    CopyResult named = copier.copyFile(mem, f, vfs, TargetPath.parse(base + "/named"));
    CopyResult existingDir = copier.copyFile(mem, f, vfs, TargetPath.parse(base + "/a"));
    CopyResult fileInTheWay = copier.copyFile(mem, f, vfs, TargetPath.parse(base + "/named/"));

    assertThat(List.of(into, deeper, named, existingDir)).allMatch(r -> r.error().isEmpty());
    assertThat(into.target()).isEqualTo(base.resolve("up/f.txt"));
    assertThat(vfs.stat(base.child("up")).isDir()).isTrue();
    assertThat(read(base.resolve("up/f.txt"))).isEqualTo("data".getBytes());
    assertThat(read(base.resolve("a/b/f.txt"))).isEqualTo("data".getBytes());
    assertThat(read(base.resolve("a/f.txt"))).isEqualTo("data".getBytes());
    assertThat(read(base.child("named"))).isEqualTo("data".getBytes());
    assertThat(fileInTheWay.ok()).isFalse();
    assertThat(names(base)).containsExactly("a", "named", "up");
  }

  @Test
  void failedUploadHalfWayLeavesNoPartialFile() throws IOException {
    long size = partialUploadBytes() * 2 + 12345;
    MemoryVfs mem = new MemoryVfs();
    write(mem, VPath.of("/big.bin"), size, 21);
    write(vfs, base.child("big.bin"), "previous".getBytes());
    Vfs breaking = new FailingVfs(vfs, Long.MAX_VALUE, partialUploadBytes() + 1000);

    CopyResult r =
        copier(OverwritePolicy.ALWAYS).copy(mem, VPath.of("/big.bin"), breaking, base).get(0);

    assertThat(r.outcome()).isEqualTo(CopyResult.Outcome.FAILED);
    assertThat(r.error()).contains("injected write failure");
    assertThat(read(base.child("big.bin"))).isEqualTo("previous".getBytes());
    assertThat(names(base)).containsExactly("big.bin");
  }

  @Test
  void failedSourceHalfWayLeavesNoPartialFile() throws IOException {
    MemoryVfs mem = new MemoryVfs();
    write(mem, VPath.of("/src.bin"), partialUploadBytes() * 2, 22);
    Vfs breaking = new FailingVfs(mem, partialUploadBytes() + 77, Long.MAX_VALUE);

    List<CopyResult> out =
        copier(OverwritePolicy.ALWAYS).copy(breaking, VPath.of("/src.bin"), vfs, base);

    assertThat(out.get(0).ok()).isFalse();
    assertThat(out.get(0).error()).contains("injected read failure");
    assertThat(names(base)).isEmpty();
  }

  @Test
  void moveRemovesTheSourceOnlyAfterACopy() throws IOException {
    MemoryVfs mem = sampleTree();
    List<CopyResult> out = copier(OverwritePolicy.ALWAYS).move(mem, VPath.of("/in"), vfs, base);
    assertThat(out).hasSize(4).allMatch(CopyResult::ok);
    assertThat(mem.find(VPath.of("/in"))).isEmpty();
    assertThat(read(base.resolve("in/a.csv"))).isEqualTo("a,b\n1,2\n".getBytes());

    List<CopyResult> back =
        copier(OverwritePolicy.ALWAYS).move(vfs, base.resolve("in/b.txt"), mem, VPath.ROOT);
    assertThat(back).singleElement().matches(CopyResult::ok);
    assertThat(vfs.find(base.resolve("in/b.txt"))).isEmpty();
    assertThat(mem.stat(VPath.of("/b.txt")).size()).isEqualTo(4);
  }

  /** Largest file of the round trip below; the big cross-backend runs live in their own classes. */
  protected long largeSize() {
    return 100 * MIB;
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(longs = {0, 1, -1})
  void copiesFromAndToLocalDiskByteIdentical(long requested) throws IOException {
    long size = requested < 0 ? largeSize() : requested;
    long seed = 1000 + requested;
    String expected = TestData.sha256(size, seed);
    Path dir = Files.createTempDirectory(scratch, "local");
    try (LocalVfs local = new LocalVfs(dir)) {
      local.mkdir(VPath.of("/out"));
      write(local, VPath.of("/out/data.bin"), size, seed);
      VfsCopier copier = copier(OverwritePolicy.ALWAYS);

      CopyResult up = copier.copy(local, VPath.of("/out/data.bin"), vfs, base).get(0);
      assertThat(up.error()).isEmpty();
      assertThat(up.bytes()).isEqualTo(size);
      assertThat(up.sha256()).isEqualTo(expected);
      assertThat(vfs.stat(base.child("data.bin")).size()).isEqualTo(size);
      assertThat(TestData.sha256(vfs.openRead(base.child("data.bin"), 0))).isEqualTo(expected);

      CopyResult down = copier.copy(vfs, base.child("data.bin"), local, VPath.of("/back")).get(0);
      assertThat(down.error()).isEmpty();
      assertThat(down.sha256()).isEqualTo(expected);
      assertThat(TestData.sha256(Files.newInputStream(dir.resolve("back/data.bin"))))
          .isEqualTo(expected);
    } finally {
      vfs.remove(base.child("data.bin"));
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
