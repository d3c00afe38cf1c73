package ferry.core.auth;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key. The secret part is kept only as {@code secretHash}; {@code expiresAt},
 * {@code lastUsedAt} and {@code revokedAt} are null when not set.
 *
 * @param boundAdmin for a file-server admin key (/api/v2), the admin it acts as; null for a generic key
 * @param boundUser for a file-server user key (/api/v2), the user it acts as; null for a generic key
 * @param updatedAt the last change; the creation time until the first
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
    String secretHash,
    String boundAdmin,
    String boundUser,
    Instant updatedAt) {

  public static final List<String> DEFAULT_ALLOWED_IPS = List.of("127.0.0.1/32", "::1/128");

  public ApiKey {
    allowedIps = List.copyOf(allowedIps);
    description = description == null ? "" : description;
    updatedAt = updatedAt == null ? createdAt : updatedAt;
  }

  /** A key of the automation API (/v1): bound to no account. */
  public ApiKey(String id, String name, KeyScope scope, String owner, List<String> allowedIps, Instant expiresAt,
      String description, Instant createdAt, Instant lastUsedAt, Instant revokedAt, String secretHash) {
    this(id, name, scope, owner, allowedIps, expiresAt, description, createdAt, lastUsedAt, revokedAt, secretHash,
        null, null, createdAt);
  }

  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public ApiKey withLastUsedAt(Instant t) {
    return new ApiKey(id, name, scope, owner, allowedIps, expiresAt, description, createdAt, t, revokedAt, secretHash,
        boundAdmin, boundUser, updatedAt);
  }

  public ApiKey withRevokedAt(Instant t) {
    return new ApiKey(id, name, scope, owner, allowedIps, expiresAt, description, createdAt, lastUsedAt, t,
        secretHash, boundAdmin, boundUser, t);
  }

  /** The fields a file-server key's update may change. */
  public ApiKey withChanges(String newName, KeyScope newScope, Instant newExpiry, String newDescription,
      String newAdmin, String newUser, Instant at) {
    return new ApiKey(id, newName, newScope, owner, allowedIps, newExpiry, newDescription, createdAt, lastUsedAt,
        revokedAt, secretHash, newAdmin, newUser, at);
  }
}
