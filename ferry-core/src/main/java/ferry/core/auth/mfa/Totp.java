package ferry.core.auth.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** RFC 6238 time-based one-time passwords: HMAC-SHA1, {@link #DIGITS} digits, {@link #STEP_SECONDS} s steps. */
public final class Totp {
  public static final int DIGITS = 6;
  public static final long STEP_SECONDS = 30;
  /** Steps accepted before and after the current one, for clocks that drift. */
  public static final int WINDOW = 1;
  private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private Totp() {}

  /** The time step of {@code t}: seconds since the epoch over {@link #STEP_SECONDS}. */
  public static long step(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), STEP_SECONDS);
  }

  /** The code of {@code step} with {@code digits} digits (RFC 4226 dynamic truncation). */
  public static String code(byte[] secret, long step, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
          | (h[offset + 3] & 0xff);
      String s = Integer.toString(binary % POWERS[digits]);
      return "0".repeat(digits - s.length()) + s;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** The {@link #DIGITS}-digit code of {@code step}. */
  public static String code(byte[] secret, long step) {
    return code(secret, step, DIGITS);
  }

  /**
   * The step within {@link #WINDOW} of {@code now} whose code is {@code code} and that comes after
   * {@code lastStep} (a step once accepted is never accepted again); empty when none.
   */
  public static OptionalLong match(byte[] secret, String code, Instant now, long lastStep) {
    if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) return OptionalLong.empty();
    long current = step(now);
    for (long s = current - WINDOW; s <= current + WINDOW; s++) {
      if (s > lastStep && java.security.MessageDigest.isEqual(code(secret, s).getBytes(), code.getBytes()))
        return OptionalLong.of(s);
    }
    return OptionalLong.empty();
  }
}
