package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/** Helpers for cross-backend copy tests: seeded files in, byte-identical files out. */
public final class CopyChecks {
  private CopyChecks() {}

  /** Writes {@code size} seeded bytes to {@code path} and returns their SHA-256. */
  public static String seed(Vfs vfs, VPath path, long size, long seed) throws IOException {
    MessageDigest sha = sha256();
    try (Upload up = vfs.openWrite(path, WriteOptions.replace());
        InputStream in = TestData.stream(size, seed)) {
      byte[] buffer = new byte[1024 * 1024];
      for (int n = in.readNBytes(buffer, 0, buffer.length);
          n > 0;
          n = in.readNBytes(buffer, 0, buffer.length)) {
        sha.update(buffer, 0, n);
        up.write(ByteBuffer.wrap(buffer, 0, n));
      }
      up.commit();
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Copies {@code from} into {@code dstDir} with {@link VfsCopier} and checks that the copy reports
   * {@code sha256} and that reading the target back gives the same bytes.
   *
   * @return the copier's result
   */
  public static CopyResult copyAndVerify(
      Vfs src, VPath from, Vfs dst, VPath dstDir, long size, String sha256) throws IOException {
    CopyResult r =
        new VfsCopier(CopyOptions.defaults(), Clock.systemUTC())
            .copy(src, from, dst, dstDir)
            .get(0);
    assertThat(r.error()).isEmpty();
    assertThat(r.outcome()).isEqualTo(CopyResult.Outcome.COPIED);
    assertThat(r.bytes()).isEqualTo(size);
    assertThat(r.sha256()).isEqualTo(sha256);
    VPath target = dstDir.child(from.name());
    assertThat(dst.stat(target).size()).isEqualTo(size);
    assertThat(TestData.sha256(dst.openRead(target, 0))).isEqualTo(sha256);
    return r;
  }
}
