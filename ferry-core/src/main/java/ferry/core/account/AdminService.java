package ferry.core.account;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.AuthenticationException;
import java.time.Clock;
import java.util.Optional;

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

  /** Checks a username and password; the same message for an unknown user and a wrong password. */
  public Actor authenticate(String username, String password, String ip) {
    Admin admin =
        repo.find(username)
            .filter(a -> hasher.verify(password, a.passwordHash()))
            .orElseThrow(() -> new AuthenticationException("wrong admin username or password"));
    return new Actor("admin:" + admin.username(), ip, Role.ADMIN);
  }
}
