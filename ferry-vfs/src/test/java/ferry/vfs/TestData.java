package ferry.vfs;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Seeded pseudo-random test content, generated on the fly instead of committed files. */
public final class TestData {
  private TestData() {}

  /** Returns {@code size} bytes derived from {@code seed}; the same pair gives the same bytes. */
  public static InputStream stream(long size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return new InputStream() {
      private final byte[] block = new byte[64 * 1024];
      private int blockPos = block.length;
      private long left = size;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        if (blockPos == block.length) {
          random.nextBytes(block);
          blockPos = 0;
        }
        int n = (int) Math.min(Math.min(len, block.length - blockPos), left);
        System.arraycopy(block, blockPos, b, off, n);
        blockPos += n;
        left -= n;
        return n;
      }
    };
  }

  /** Returns {@code size} seeded bytes as an array. */
  public static byte[] bytes(int size, long seed) {
    try (InputStream in = stream(size, seed)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the hex SHA-256 of {@link #stream(long, long)}. */
  public static String sha256(long size, long seed) throws IOException {
    return sha256(stream(size, seed));
  }

  /** Reads {@code in} to the end, closes it, and returns its hex SHA-256. */
  public static String sha256(InputStream in) throws IOException {
    try (in) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[256 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
