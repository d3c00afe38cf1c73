package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class VfsCopierTest {
  private final VfsCopier copier = new VfsCopier(CopyOptions.defaults(), Clock.systemUTC());

  private static void write(Vfs vfs, String path, String text) throws IOException {
    try (Upload up = vfs.openWrite(VPath.of(path), WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(text.getBytes()));
      up.commit();
    }
  }

  @Test
  void missingSourceThrowsNoSuchFile() {
    MemoryVfs mem = new MemoryVfs();
    assertThatThrownBy(() -> copier.copy(mem, VPath.of("/nope"), mem, VPath.of("/out")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void directoryIsNotCopiedIntoItself() throws IOException {
    MemoryVfs mem = new MemoryVfs();
    mem.mkdirs(VPath.of("/a/b"));
    assertThatThrownBy(() -> copier.copy(mem, VPath.of("/a"), mem, VPath.of("/a/b")))
        .hasMessageContaining("into itself");
  }

  @Test
  void reportsSha256AndKeepsGoingAfterAFailedFile() throws IOException {
    MemoryVfs src = new MemoryVfs();
    MemoryVfs dst = new MemoryVfs();
    src.mkdir(VPath.of("/in"));
    write(src, "/in/a.txt", "abc");
    write(src, "/in/b.txt", "def");
    dst.mkdirs(VPath.of("/out/in/a.txt"));

    List<CopyResult> out = copier.copy(src, VPath.of("/in"), dst, VPath.of("/out"));

    assertThat(out).hasSize(2);
    assertThat(out.get(0).ok()).isFalse();
    assertThat(out.get(0).error()).contains("is a directory");
    assertThat(out.get(1).sha256())
        .isEqualTo("cb8379ac2098aa165029e3938a51da0bcecfc008fd6795f401178647f96c5b34");
    assertThat(out.get(1).duration().isNegative()).isFalse();
  }

  @Test
  void rejectsAbsurdBufferSizes() {
    assertThatThrownBy(() -> CopyOptions.defaults().withBufferSize(10))
        .hasMessageContaining("buffer_size");
  }

  @Test
  void copyFileWritesToAnExactTargetName() throws IOException {
    MemoryVfs mem = new MemoryVfs();
    write(mem, "/a.txt", "hello");
    CopyResult r = copier.copyFile(mem, VPath.of("/a.txt"), mem, VPath.of("/renamed.txt"));
    assertThat(r.ok()).isTrue();
    assertThat(mem.stat(VPath.of("/renamed.txt")).size()).isEqualTo(5);
  }
}
