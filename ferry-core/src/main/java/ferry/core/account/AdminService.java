package ferry.core.account;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.AuthenticationException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/** Admin accounts: the first admin, and password logins. */
public final class AdminService {
  public static final String FIRST_ADMIN = "admin";

  private final AdminRepository repo;
  private final PasswordHasher hasher;
  private final Clock clock;

  public AdminService(AdminRepository repo, PasswordHasher hasher, Clock clock) {
    this.repo = requireNonNull(repo, "No admin repository");
    this.hasher = requireNonNull(hasher, "No hasher");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Creates admin {@code admin} when no admin exists yet.
   *
   * @param password the password to give it, or empty to generate one
   * @return the generated password when one was generated and stored, to be shown once
   */
  public Optional<String> ensureFirstAdmin(Optional<String> password) {
    if (repo.count() > 0) return Optional.empty();
    String pw = password.orElseGet(() -> Ids.random(15));
    boolean stored = repo.insertIfAbsent(new Admin(FIRST_ADMIN, hasher.hash(pw), clock.instant()));
    return stored && password.isEmpty() ? Optional.of(pw) : Optional.empty();
  }

  /**
   * Checks a username and password; the same message for an unknown user and a wrong password, and
   * the same work: an unknown user's password is checked against the decoy hash, so the answer's
   * timing does not tell which admins exist.
   */
  public Actor authenticate(String username, String password, String ip) {
    Optional<Admin> admin = repo.find(username);
    boolean matches = hasher.verify(password, admin.map(Admin::passwordHash).orElse(PasswordHasher.DECOY_HASH));
    if (admin.isEmpty() || !matches) throw new AuthenticationException("wrong admin username or password");
    return new Actor("admin:" + admin.get().username(), ip, Role.ADMIN);
  }

  /**
   * What admin {@code username} may do on the file server's admin API (/api/v2).
   *
   * @return the admin's permissions; {@link AdminPermission#ALL} for every admin until admins carry
   *     their own (issue 12, "admin" part)
   */
  public Set<AdminPermission> permissionsOf(String username) {
    return Set.of(AdminPermission.ALL);
  }

  /**
   * Whether admin {@code adminUsername} may be impersonated by an /api/v2 API key ({@code
   * allow_api_key_auth}); false for an unknown admin.
   */
  public boolean allowsApiKeys(String adminUsername) {
    return exists(adminUsername);
  }

  /** Whether admin {@code username} exists. */
  public boolean exists(String username) {
    return repo.find(username).isPresent();
  }

  /** Whether admin {@code username} still has {@code password}, e.g. the generated first one. */
  public boolean hasPassword(String username, String password) {
    return repo.find(username).filter(a -> hasher.verify(password, a.passwordHash())).isPresent();
  }

}
