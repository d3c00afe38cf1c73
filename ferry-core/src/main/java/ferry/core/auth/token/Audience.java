package ferry.core.auth.token;

/** Whom a token was issued to; {@link #wire()} is its {@code aud} claim, as the reference API spells it. */
public enum Audience {
  /** Admins, on the admin routes of /api/v2. */
  ADMIN("API"),
  /** File-server users, on /api/v2/user/... */
  USER("UserAPI");

  private final String wire;

  Audience(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
