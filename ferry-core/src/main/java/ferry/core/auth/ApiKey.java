package ferry.core.auth;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key. The secret part is kept only as {@code secretHash}; {@code expiresAt},
 * {@code lastUsedAt} and {@code revokedAt} are null when not set.
 */
public record ApiKey(
    String id,
    String name,
    KeyScope scope,
    String owner,
    List<String> allowedIps,
    Instant expiresAt,
    String description,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt,
    String secretHash) {

  public static final List<String> DEFAULT_ALLOWED_IPS = List.of("127.0.0.1/32", "::1/128");

  public ApiKey {
    allowedIps = List.copyOf(allowedIps);
    description = description == null ? "" : description;
  }

  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
