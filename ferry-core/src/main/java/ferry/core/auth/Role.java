package ferry.core.auth;

/** What a caller may do: an admin everything, a jobs-scoped key only start and follow its own jobs. */
public enum Role {
  ADMIN,
  JOBS
}
