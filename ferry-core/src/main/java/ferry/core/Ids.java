package ferry.core;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets: 16 random bytes make a 22-character URL-safe id. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  /** A new 22-character URL-safe random id; never starting with '-', which CLIs read as an option. */
  public static String newId() {
    String id;
    do {
      id = random(16);
    } while (id.charAt(0) == '-');
    return id;
  }

  /** {@code bytes} random bytes encoded URL-safe without padding. */
  public static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return ENCODER.encodeToString(b);
  }

  /** Whether {@code s} looks like an id made by {@link #newId()}. */
  public static boolean isId(String s) {
    return s != null && s.length() == 22 && s.chars().allMatch(Ids::urlSafe);
  }

  private static boolean urlSafe(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  }
}
