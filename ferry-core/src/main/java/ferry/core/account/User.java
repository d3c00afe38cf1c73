package ferry.core.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A file-server account as stored (the reference API's {@code User}). {@code filesystem} is the
 * FilesystemConfig tree with its secrets sealed; {@code passwordHash} is never shown, so {@link
 * #toString()} leaves it out.
 *
 * @param status 1 enabled, 0 disabled
 * @param expirationDate when logins stop, or null for never
 * @param passwordHash argon2id (or imported bcrypt) hash, or null without password
 * @param homeDir absolute home directory, or "" when a primary group gives it
 */
public record User(
    long id,
    String username,
    int status,
    String email,
    String description,
    Instant expirationDate,
    String passwordHash,
    List<String> publicKeys,
    String homeDir,
    Map<String, Set<Permission>> permissions,
    long quotaSize,
    long quotaFiles,
    long uploadBandwidth,
    long downloadBandwidth,
    int maxSessions,
    UserFilters filters,
    Map<String, Object> filesystem,
    List<GroupMapping> groups,
    List<FolderMapping> virtualFolders,
    String additionalInfo,
    QuotaUsage usage,
    Instant lastLogin,
    Instant passwordChangedAt,
    Instant createdAt,
    Instant updatedAt) {
  public static final int DISABLED = 0;
  public static final int ENABLED = 1;

  public User {
    publicKeys = List.copyOf(publicKeys);
    permissions = Map.copyOf(permissions);
    filesystem = Map.copyOf(filesystem);
    groups = List.copyOf(groups);
    virtualFolders = List.copyOf(virtualFolders);
    usage = usage == null ? QuotaUsage.NONE : usage;
    filters = filters == null ? UserFilters.NONE : filters;
  }

  public boolean hasPassword() {
    return passwordHash != null && !passwordHash.isEmpty();
  }

  /** The same user with another filesystem tree (e.g. redacted for an answer). */
  public User withFilesystem(Map<String, Object> fs) {
    return new User(id, username, status, email, description, expirationDate, passwordHash, publicKeys,
        homeDir, permissions, quotaSize, quotaFiles, uploadBandwidth, downloadBandwidth, maxSessions, filters,
        fs, groups, virtualFolders, additionalInfo, usage, lastLogin, passwordChangedAt, createdAt, updatedAt);
  }

  @Override
  public String toString() {
    return "User[" + username + ", status " + status + ", has_password " + hasPassword() + "]";
  }
}
