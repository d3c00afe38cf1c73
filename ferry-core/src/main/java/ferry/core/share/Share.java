package ferry.core.share;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A link a user hands out to reach some of their files without an account. Visits run as the owner,
 * over the protocol {@code HTTPShare}, so the owner's permissions, patterns and quotas apply.
 *
 * @param id the unguessable id in the public URL
 * @param paths the owner's virtual paths it exposes; a write share has exactly one directory
 * @param username the owner
 * @param lastUseAt when a visit last used it, or null
 * @param expiresAt when it stops working, or null for never
 * @param passwordHash the argon2id hash of its password, or null when it has none
 * @param maxTokens how many uses it allows, 0 for no limit
 * @param usedTokens how many uses it has had
 * @param allowFrom the networks (CIDR) visitors may come from; empty for any
 */
public record Share(
    String id,
    String name,
    String description,
    ShareScope scope,
    List<String> paths,
    String username,
    Instant createdAt,
    Instant updatedAt,
    Instant lastUseAt,
    Instant expiresAt,
    String passwordHash,
    int maxTokens,
    int usedTokens,
    List<String> allowFrom) {
  public Share {
    requireNonNull(id, "No share id");
    requireNonNull(name, "No share name");
    requireNonNull(scope, "No share scope");
    requireNonNull(username, "No share owner");
    requireNonNull(createdAt, "No creation time");
    requireNonNull(updatedAt, "No update time");
    description = description == null ? "" : description;
    paths = List.copyOf(paths);
    allowFrom = List.copyOf(allowFrom);
  }

  /** This share with {@code hash} as its password hash (null: no password). */
  public Share withPasswordHash(String hash) {
    return new Share(id, name, description, scope, paths, username, createdAt, updatedAt, lastUseAt, expiresAt, hash,
        maxTokens, usedTokens, allowFrom);
  }

  public boolean hasPassword() {
    return passwordHash != null;
  }

  /** Whether {@code maxTokens} uses have been made. */
  public boolean exhausted() {
    return maxTokens > 0 && usedTokens >= maxTokens;
  }

  /** Whether the share has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }
}
