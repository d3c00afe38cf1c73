package ferry.core.auth;

import static java.util.Objects.requireNonNull;

import ferry.core.error.PermissionDeniedException;

/**
 * Who performs an operation: {@code who} is {@code admin:<name>} or {@code key:<id>}, the owner
 * recorded on what the caller creates.
 */
public record Actor(String who, String ip, Role role) {
  public Actor {
    requireNonNull(who, "No actor name");
    requireNonNull(ip, "No actor ip");
    requireNonNull(role, "No actor role");
  }

  /** The server itself, for work it starts on its own (schedules, recovery, the CLI's direct run). */
  public static Actor system() {
    return new Actor("system", "local", Role.ADMIN);
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /**
   * Refuses a non-admin caller.
   *
   * @param action what only an admin may do, e.g. "manage API keys"
   * @throws PermissionDeniedException saying so
   */
  public void requireAdmin(String action) {
    if (!isAdmin()) throw new PermissionDeniedException("only an admin may " + action);
  }

  /** Whether this actor may see an object owned by {@code owner}. */
  public boolean owns(String owner) {
    return isAdmin() || who.equals(owner);
  }
}
