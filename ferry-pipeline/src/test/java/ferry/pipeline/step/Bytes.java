package ferry.pipeline.step;

import java.util.Random;

/** Test data. */
public final class Bytes {
  private Bytes() {}

  /** {@code n} pseudo-random bytes, the same for the same seed. */
  public static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
