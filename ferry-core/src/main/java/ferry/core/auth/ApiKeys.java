package ferry.core.auth;

import ferry.core.Validation;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What the /v1 keys ({@link ApiKeyService}) and the file server's keys ({@link FileApiKeyService})
 * share: the stored hash, the {@code <id>.<secret>} form, the name rule and when a key is usable.
 */
final class ApiKeys {
  static final String INVALID = "invalid API key";
  private static final int MAX_NAME = 100;

  private ApiKeys() {}

  /** SHA-256 (hex) of a key's secret: the secret is random and long, so a fast hash is safe. */
  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Whether {@code secret} hashes to the key's stored hash, compared in constant time. */
  static boolean secretMatches(ApiKey k, String secret) {
    return MessageDigest.isEqual(k.secretHash().getBytes(StandardCharsets.US_ASCII),
        hash(secret).getBytes(StandardCharsets.US_ASCII));
  }

  /** The position of the dot ending the id in {@code <id>.<secret>}, or AuthenticationException. */
  static int idEnd(String presented) {
    int dot = presented == null ? -1 : presented.indexOf('.');
    if (dot <= 0) throw new AuthenticationException(INVALID);
    return dot;
  }

  /** A key's name, trimmed, or ValidationException. */
  static String name(String raw) {
    String name = raw == null ? "" : Validation.noControlCharacters("name", raw).trim();
    if (name.isEmpty() || name.length() > MAX_NAME)
      throw new ValidationException("name is required (1 to " + MAX_NAME + " characters)");
    return name;
  }

  /** AuthenticationException naming why when the key is revoked or expired at {@code now}. */
  static void requireUsable(ApiKey k, Instant now) {
    if (k.revokedAt() != null) throw new AuthenticationException("API key '" + k.name() + "' was revoked");
    if (k.isExpired(now)) throw new AuthenticationException("API key '" + k.name() + "' has expired");
  }

  /** Whether the key's last use is older than {@code resolution}, so worth writing again. */
  static boolean lastUseDue(ApiKey k, Instant now, Duration resolution) {
    return k.lastUsedAt() == null || k.lastUsedAt().plus(resolution).isBefore(now);
  }
}
