package ferry.core.auth;

import ferry.core.error.ValidationException;
import java.util.Locale;

/** What an API key may do. */
public enum KeyScope {
  JOBS(Role.JOBS),
  ADMIN(Role.ADMIN);

  private final Role role;

  KeyScope(Role role) {
    this.role = role;
  }

  public Role role() {
    return role;
  }

  /** The lower-case name used in JSON and on the command line. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static KeyScope parse(String s) {
    for (KeyScope k : values()) if (k.wire().equalsIgnoreCase(s)) return k;
    throw new ValidationException("scope must be 'jobs' or 'admin', got '" + s + "'");
  }
}
