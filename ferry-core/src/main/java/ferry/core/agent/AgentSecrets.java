package ferry.core.agent;

import ferry.core.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Agent keys and registration codes: random, long, stored as their SHA-256 only (like ferry.core.auth's keys). */
final class AgentSecrets {
  static final String KEY_PREFIX = "mft_ak_";
  static final String CODE_PREFIX = "mft_rc_";

  private AgentSecrets() {}

  /** A new agent key: 32 random bytes behind {@link #KEY_PREFIX}. */
  static String newKey() {
    return KEY_PREFIX + Ids.random(32);
  }

  /** A new registration code: 24 random bytes behind {@link #CODE_PREFIX}. */
  static String newCode() {
    return CODE_PREFIX + Ids.random(24);
  }

  /** SHA-256 (hex) of a key or code: they are random and long, so a fast hash is safe and keeps lookups by hash. */
  static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
