package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.FailingVfs;
import ferry.vfs.MemoryVfs;
import ferry.vfs.Upload;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransferTest {
  static final Backoff FAST = new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), RandomGenerator.getDefault());

  @TempDir Path local;
  final byte[] data = new byte[300_000];
  final MemoryVfs remote = new MemoryVfs();

  FileTransferTest() {
    new Random(7).nextBytes(data);
  }

  @Test
  void aPullCutOffMidFileResumesAtItsOffsetAndHashesTheWholeFile() throws Exception {
    put(remote, "/in/data.bin", data);
    List<Long> progress = new ArrayList<>();
    Vfs flaky = new FailingVfs(remote, 100_000, Long.MAX_VALUE); // every read stream breaks after 100 kB
    FileTransfer.Result r = new FileTransfer(FAST, 5).pull(flaky, VPath.of("/in/data.bin"), local.resolve("data.bin"), progress::add);
    assertThat(r.bytes()).isEqualTo(data.length);
    assertThat(r.sha256()).isEqualTo(sha256(data));
    assertThat(Files.readAllBytes(local.resolve("data.bin"))).isEqualTo(data);
    assertThat(progress).isSorted().last().isEqualTo((long) data.length);
    assertThat(local.resolve(".data.bin.ferry-part")).doesNotExist();
  }

  @Test
  void aPullThatKeepsFailingLeavesNeitherTheFileNorAPart() throws Exception {
    put(remote, "/in/data.bin", data);
    Files.writeString(local.resolve("data.bin"), "the previous version");
    Vfs flaky = new FailingVfs(remote, 10_000, Long.MAX_VALUE);
    assertThatThrownBy(() -> new FileTransfer(FAST, 3).pull(flaky, VPath.of("/in/data.bin"), local.resolve("data.bin"), b -> {}))
        .isInstanceOf(IOException.class);
    assertThat(Files.readString(local.resolve("data.bin"))).isEqualTo("the previous version");
    try (var s = Files.list(local)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("data.bin");
    }
  }

  @Test
  void aPushCutOffMidFileAppendsToTheRemotePartAndRenamesItAtTheEnd() throws Exception {
    Files.write(local.resolve("out.bin"), data);
    remote.mkdirs(VPath.of("/out"));
    Vfs flaky = new FailingVfs(remote, Long.MAX_VALUE, 120_000); // every upload breaks after 120 kB
    FileTransfer.Result r = new FileTransfer(FAST, 5).push(local.resolve("out.bin"), flaky, VPath.of("/out/out.bin"), b -> {});
    assertThat(r.sha256()).isEqualTo(sha256(data));
    assertThat(read(remote, "/out/out.bin")).isEqualTo(data);
    assertThat(remote.find(VPath.of("/out/.out.bin.ferry-part"))).isEmpty();
  }

  @Test
  void aPushThatKeepsFailingNeverShowsAPartialFileUnderTheRealName() throws Exception {
    Files.write(local.resolve("out.bin"), data);
    remote.mkdirs(VPath.of("/out"));
    Vfs flaky = new FailingVfs(remote, Long.MAX_VALUE, 1_000);
    assertThatThrownBy(() -> new FileTransfer(FAST, 2).push(local.resolve("out.bin"), flaky, VPath.of("/out/out.bin"), b -> {}))
        .isInstanceOf(IOException.class);
    assertThat(remote.find(VPath.of("/out/out.bin"))).isEmpty();
  }

  @Test
  void aBandwidthLimitHoldsTheTransferToItsRate() throws Exception {
    put(remote, "/in/data.bin", data); // 300 kB at 1 MB/s: at least 0.3 s
    long start = System.nanoTime();
    new FileTransfer(FAST, 1, 1_000_000).pull(remote, VPath.of("/in/data.bin"), local.resolve("data.bin"), b -> {});
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
  }

  static void put(Vfs vfs, String path, byte[] bytes) throws IOException {
    vfs.mkdirs(VPath.of(path).parentOrRoot());
    try (Upload up = vfs.openWrite(VPath.of(path), WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(bytes));
      up.commit();
    }
  }

  static byte[] read(Vfs vfs, String path) throws IOException {
    try (InputStream in = vfs.openRead(VPath.of(path), 0)) {
      return in.readAllBytes();
    }
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
