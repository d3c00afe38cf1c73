package ferry.core.admin;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * An operator account of the admin APIs; only the argon2id hash of its password is kept.
 *
 * @param id the database id, 0 before it is stored
 * @param status {@link #ENABLED} or {@link #DISABLED}; a disabled admin cannot log in
 * @param permissions what it may do on /api/v2; {@link AdminPermission#ALL} makes a super admin
 * @param lastLogin null when it never logged in
 */
public record Admin(long id, String username, String passwordHash, int status, String email, String description,
    Set<AdminPermission> permissions, AdminFilters filters, String additionalInfo, Instant createdAt,
    Instant updatedAt, Instant lastLogin) {
  public static final int ENABLED = 1;
  public static final int DISABLED = 0;

  public Admin {
    requireNonNull(username, "No admin name");
    requireNonNull(passwordHash, "No password hash");
    email = email == null ? "" : email;
    description = description == null ? "" : description;
    permissions = Set.copyOf(permissions == null ? Set.of() : permissions);
    filters = filters == null ? AdminFilters.NONE : filters;
    additionalInfo = additionalInfo == null ? "" : additionalInfo;
    requireNonNull(createdAt, "No creation time");
    updatedAt = updatedAt == null ? createdAt : updatedAt;
  }

  /** An enabled super admin, as the first admin is made. */
  public Admin(String username, String passwordHash, Instant createdAt) {
    this(0, username, passwordHash, ENABLED, "", "", Set.of(AdminPermission.ALL), AdminFilters.NONE, "", createdAt,
        createdAt, null);
  }

  public boolean isSuper() {
    return permissions.contains(AdminPermission.ALL);
  }

  public boolean enabled() {
    return status == ENABLED;
  }

  public Admin withPasswordHash(String hash, Instant now) {
    return new Admin(id, username, hash, status, email, description, permissions, filters, additionalInfo, createdAt,
        now, lastLogin);
  }

  public Admin withProfile(String email, String description, boolean allowApiKeyAuth, Instant now) {
    return new Admin(id, username, passwordHash, status, email, description, permissions,
        new AdminFilters(filters.allowList(), allowApiKeyAuth), additionalInfo, createdAt, now, lastLogin);
  }

  public Admin withId(long newId) {
    return new Admin(newId, username, passwordHash, status, email, description, permissions, filters,
        additionalInfo, createdAt, updatedAt, lastLogin);
  }
}
