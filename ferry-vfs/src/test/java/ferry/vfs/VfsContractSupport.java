package ferry.vfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifecycle and helpers of the contract suites: one {@link Vfs} per test class, and a fresh
 * directory {@link #base} in it for every test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VfsContractSupport {
  protected Vfs vfs;
  protected VPath base;
  @TempDir protected Path scratch;
  private final Random random = new Random();

  /** Creates the file system under test; called once per test class, after its servers start. */
  protected abstract Vfs createVfs() throws Exception;

  /**
   * Creates {@code count} small files named {@code f0000}... in {@code dir}. Backends may override
   * this to seed their storage directly, since the listing tests are about listing.
   */
  protected void populate(VPath dir, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      write(dir.child(String.format("f%04d", i)), new byte[0]);
    }
  }

  /** Bytes after which the partial-failure tests break an upload; S3 puts it past one part. */
  protected long partialUploadBytes() {
    return 1024 * 1024;
  }

  @BeforeAll
  void openVfs() throws Exception {
    vfs = createVfs();
  }

  @AfterAll
  void closeVfs() throws IOException {
    if (vfs != null) {
      vfs.close();
    }
  }

  @BeforeEach
  void makeBase(TestInfo info) throws IOException {
    String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
    byte[] id = new byte[3];
    random.nextBytes(id);
    base = VPath.ROOT.child(method + "-" + HexFormat.of().formatHex(id));
    vfs.mkdir(base);
  }

  protected void write(VPath path, byte[] data) throws IOException {
    write(vfs, path, data);
  }

  protected static void write(Vfs target, VPath path, byte[] data) throws IOException {
    try (Upload up = target.openWrite(path, WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(data));
      up.commit();
    }
  }

  protected static void write(Vfs target, VPath path, long size, long seed) throws IOException {
    try (Upload up = target.openWrite(path, WriteOptions.replace());
        InputStream in = TestData.stream(size, seed)) {
      byte[] buffer = new byte[256 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        up.write(ByteBuffer.wrap(buffer, 0, n));
      }
      up.commit();
    }
  }

  protected byte[] read(VPath path) throws IOException {
    try (InputStream in = vfs.openRead(path, 0)) {
      return in.readAllBytes();
    }
  }

  protected static List<FileAttrs> listAll(Vfs target, VPath dir) throws IOException {
    List<FileAttrs> all = new ArrayList<>();
    try (DirLister lister = target.list(dir)) {
      for (List<FileAttrs> b = lister.next(500); !b.isEmpty(); b = lister.next(500)) {
        all.addAll(b);
      }
    }
    return all;
  }

  protected TreeSet<String> names(VPath dir) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    listAll(vfs, dir).forEach(a -> names.add(a.name()));
    return names;
  }
}
