package ferry.core.auth;

import ferry.core.error.ValidationException;
import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do. JOBS and ADMIN are the automation API's (/v1, {@code X-API-Key});
 * FILE_ADMIN and FILE_USER the file server's (/api/v2, {@code X-SFTPGO-API-KEY}), where they act as
 * an admin or a user; one face never accepts the other's keys.
 */
public enum KeyScope {
  JOBS(Role.JOBS, 0),
  ADMIN(Role.ADMIN, 0),
  /** The reference's scope 1: acts as a file-server admin. */
  FILE_ADMIN(Role.ADMIN, 1),
  /** The reference's scope 2: acts as a file-server user. */
  FILE_USER(Role.USER, 2);

  private final Role role;
  private final int fileServerScope;

  KeyScope(Role role, int fileServerScope) {
    this.role = role;
    this.fileServerScope = fileServerScope;
  }

  public Role role() {
    return role;
  }

  /** Whether this is a file-server (/api/v2) key. */
  public boolean fileServer() {
    return fileServerScope != 0;
  }

  /** The reference's {@code APIKeyScope} number (1 admin, 2 user); 0 for a /v1 key. */
  public int fileServerScope() {
    return fileServerScope;
  }

  /** The file-server scope numbered {@code n}, if any. */
  public static Optional<KeyScope> ofFileServerScope(int n) {
    return n == 1 ? Optional.of(FILE_ADMIN) : n == 2 ? Optional.of(FILE_USER) : Optional.empty();
  }

  /** The lower-case name used in JSON and on the command line. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A /v1 scope by its wire name. */
  public static KeyScope parse(String s) {
    for (KeyScope k : new KeyScope[] {JOBS, ADMIN}) if (k.wire().equalsIgnoreCase(s)) return k;
    throw new ValidationException("scope must be 'jobs' or 'admin', got '" + s + "'");
  }
}
