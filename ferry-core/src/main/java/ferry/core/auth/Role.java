package ferry.core.auth;

/**
 * What a caller may do: an admin everything, a jobs-scoped key only start and follow its own jobs,
 * a file-server user (the /api/v2 user routes, issue 12) only its own files; {@code requireAdmin}
 * refuses all but ADMIN.
 */
public enum Role {
  ADMIN,
  JOBS,
  USER
}
