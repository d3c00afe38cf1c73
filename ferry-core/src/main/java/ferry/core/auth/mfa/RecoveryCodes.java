package ferry.core.auth.mfa;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Recovery codes: 16 Base32 characters (80 random bits) shown as {@code abcd-efgh-ijkl-mnop}. So
 * much entropy needs no slow hash: the store keeps the SHA-256 of the code without dashes.
 */
final class RecoveryCodes {
  private RecoveryCodes() {}

  static String random(SecureRandom random) {
    byte[] b = new byte[10];
    random.nextBytes(b);
    String s = Base32.encode(b).toLowerCase(Locale.ROOT);
    return s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16);
  }

  /** The stored form of a code as typed: case, spaces and dashes do not matter. */
  static String hash(String code) {
    String norm = code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("recovery:" + norm).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
