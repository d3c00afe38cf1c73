package ferry.core.admin;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.account.AccountRules;
import ferry.core.account.PasswordHasher;
import ferry.core.auth.Actor;
import ferry.core.auth.Cidr;
import ferry.core.auth.Role;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Admin accounts: the first admin, password logins, and their management on the admin API. At
 * least one enabled super admin ({@code *}) always remains, and no admin disables, demotes or
 * deletes itself.
 */
public final class AdminService {
  public static final String FIRST_ADMIN = "admin";
  /** Last-login stamps closer together than this are skipped (the reference API's rule). */
  public static final Duration LAST_LOGIN_INTERVAL = Duration.ofMinutes(10);
  private static final String ACTOR_PREFIX = "admin:";
  private static final String HIDDEN_HASH = "[hidden]";

  private final AdminRepository repo;
  private final PasswordHasher hasher;
  private final Clock clock;

  public AdminService(AdminRepository repo, PasswordHasher hasher, Clock clock) {
    this.repo = requireNonNull(repo, "No admin repository");
    this.hasher = requireNonNull(hasher, "No hasher");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Creates admin {@code admin}, a super admin, when no admin exists yet.
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
   * Checks a username and password; the same message for an unknown user, a wrong password, a
   * disabled admin and an address outside its allow list, and the same work: an unknown admin's
   * password is checked against the decoy hash, so the answer's timing does not tell which admins
   * exist.
   */
  public Actor authenticate(String username, String password, String ip) {
    Optional<Admin> admin = repo.find(username);
    boolean matches = hasher.verify(password, admin.map(Admin::passwordHash).orElse(PasswordHasher.DECOY_HASH));
    if (admin.isEmpty() || !matches || !admin.get().enabled() || !allowsAddress(admin.get(), ip))
      throw new AuthenticationException("wrong admin username or password");
    Instant now = clock.instant();
    repo.touchLogin(username, now, now.minus(LAST_LOGIN_INTERVAL));
    return actorOf(admin.get().username(), ip);
  }

  /**
   * The permissions of admin {@code username} when a token issued to it may be used from {@code ip}
   * now (the admin still exists, is enabled, and its allow list, if any, holds the address); empty
   * otherwise. One read of the admin per request.
   */
  public Optional<Set<AdminPermission>> tokenPermissions(String username, String ip) {
    return repo.find(username).filter(Admin::enabled).filter(a -> allowsAddress(a, ip)).map(Admin::permissions);
  }

  /**
   * The credential stamp of an enabled admin that may log in from {@code ip} ({@link
   * ferry.core.auth.web.WebSessionService#stampOf}); empty otherwise. A web session whose stamp
   * differs was opened before a password change and ends.
   */
  public Optional<String> credentialStamp(String username, String ip) {
    return repo.find(username).filter(Admin::enabled).filter(a -> allowsAddress(a, ip))
        .map(a -> ferry.core.auth.web.WebSessionService.stampOf(a.passwordHash()));
  }

  /** Whether admin {@code username} exists. */
  public boolean exists(String username) {
    return repo.find(username).isPresent();
  }

  /** Whether admin {@code username} still has {@code password}, e.g. the generated first one. */
  public boolean hasPassword(String username, String password) {
    return repo.find(username).filter(a -> hasher.verify(password, a.passwordHash())).isPresent();
  }

  /** The permissions of an enabled admin; empty for an unknown or disabled one. */
  public Set<AdminPermission> permissionsOf(String username) {
    return repo.find(username).filter(Admin::enabled).map(Admin::permissions).orElse(Set.of());
  }

  /** Whether API keys may act as {@code username}: an enabled admin with {@code allow_api_key_auth}. */
  public boolean allowsApiKeys(String username) {
    return repo.find(username).filter(Admin::enabled).map(a -> a.filters().allowApiKeyAuth()).orElse(false);
  }

  /** The actor the core knows admin {@code username} as. */
  public static Actor actorOf(String username, String ip) {
    return new Actor(ACTOR_PREFIX + username, ip, Role.ADMIN);
  }

  /** Creates an admin; answers without the password hash. */
  public Admin create(Actor actor, AdminInput in) {
    actor.requireAdmin("manage admins");
    Instant now = clock.instant();
    String name = AccountRules.name("username", in.username());
    Admin a = new Admin(0, name, hasher.hash(AdminRules.password("password", in.password())),
        AdminRules.status(in.status()), AdminRules.email(in.email()),
        AdminRules.text("description", in.description(), 2000), AdminRules.permissions(in.permissions()),
        AdminRules.filters(in.allowList(), in.allowApiKeyAuth()),
        AdminRules.text("additional_info", in.additionalInfo(), 8000), now, now, null);
    long id = repo.insert(a);
    return answer(repo.find(name).orElse(a.withId(id)));
  }

  /**
   * Replaces an admin (PUT): the password is kept when the body has none.
   *
   * @throws ConflictException when the change leaves no enabled super admin
   * @throws ValidationException when an admin would disable or demote itself
   */
  public Admin update(Actor actor, String username, AdminInput in) {
    actor.requireAdmin("manage admins");
    Admin old = stored(username);
    if (in.username() != null && !in.username().equals(old.username()))
      throw new ValidationException("username: an admin cannot be renamed ('" + old.username() + "' in the path, '"
          + in.username() + "' in the body)");
    String hash = in.password() == null || in.password().isEmpty() ? old.passwordHash()
        : hasher.hash(AdminRules.password("password", in.password()));
    Admin a = new Admin(old.id(), old.username(), hash, AdminRules.status(in.status()),
        AdminRules.email(in.email()), AdminRules.text("description", in.description(), 2000),
        AdminRules.permissions(in.permissions()), AdminRules.filters(in.allowList(), in.allowApiKeyAuth()),
        AdminRules.text("additional_info", in.additionalInfo(), 8000), old.createdAt(), clock.instant(),
        old.lastLogin());
    if (isSelf(actor, username)) {
      if (!a.enabled()) throw new ValidationException("status: you cannot disable yourself");
      if (old.isSuper() && !a.isSuper())
        throw new ValidationException("permissions: you cannot remove \"*\" from yourself");
    }
    if (old.isSuper() && old.enabled() && !(a.isSuper() && a.enabled())) requireAnotherSuperAdmin(username);
    repo.update(a);
    return answer(stored(username));
  }

  public Admin get(Actor actor, String username) {
    actor.requireAdmin("manage admins");
    return answer(stored(username));
  }

  /** Admins sorted by username. */
  public List<Admin> list(Actor actor, int offset, int limit, boolean descending) {
    actor.requireAdmin("manage admins");
    return repo.list(offset, limit, descending).stream().map(AdminService::answer).toList();
  }

  /**
   * Deletes an admin other than the caller.
   *
   * @throws ConflictException when it is the last enabled super admin
   */
  public void delete(Actor actor, String username) {
    actor.requireAdmin("manage admins");
    Admin old = stored(username);
    if (isSelf(actor, username)) throw new ValidationException("you cannot delete yourself");
    if (old.isSuper() && old.enabled()) requireAnotherSuperAdmin(username);
    if (!repo.delete(username)) throw notFound(username);
  }

  /** The calling admin's own account. */
  public Admin profile(Actor actor) {
    return answer(caller(actor));
  }

  /** Changes the calling admin's e-mail, description and API-key switch. */
  public Admin updateProfile(Actor actor, String email, String description, boolean allowApiKeyAuth) {
    Admin old = caller(actor);
    repo.update(old.withProfile(AdminRules.email(email), AdminRules.text("description", description, 2000),
        allowApiKeyAuth, clock.instant()));
    return answer(stored(old.username()));
  }

  /**
   * Changes the calling admin's password.
   *
   * @throws ValidationException when the current password is wrong or the new one is empty or the same
   */
  public void changePassword(Actor actor, String current, String next) {
    Admin a = caller(actor);
    AdminRules.password("new_password", next);
    if (!hasher.verify(current == null ? "" : current, a.passwordHash()))
      throw new ValidationException("current_password is not the current password");
    if (next.equals(current)) throw new ValidationException("new_password must differ from the current password");
    repo.update(a.withPasswordHash(hasher.hash(next), clock.instant()));
  }

  private void requireAnotherSuperAdmin(String username) {
    if (repo.countEnabledSuperAdmins() <= 1)
      throw new ConflictException("admin '" + username + "' is the last enabled admin with the \"*\" permission;"
          + " give \"*\" to another admin first");
  }

  private static boolean allowsAddress(Admin a, String ip) {
    return Cidr.allowListed(a.filters().allowList(), ip);
  }

  private static boolean isSelf(Actor actor, String username) {
    return actor.who().equals(ACTOR_PREFIX + username);
  }

  private static String self(Actor actor) {
    if (!actor.who().startsWith(ACTOR_PREFIX))
      throw new PermissionDeniedException("only a logged-in admin has a profile");
    return actor.who().substring(ACTOR_PREFIX.length());
  }

  /**
   * The calling admin, which must still exist and be enabled: a token outlives neither.
   *
   * @throws AuthenticationException otherwise
   */
  private Admin caller(Actor actor) {
    String name = self(actor);
    return repo.find(name).filter(Admin::enabled).orElseThrow(() -> new AuthenticationException("admin '" + name
        + "' no longer exists or is disabled"));
  }

  private Admin stored(String username) {
    return repo.find(username).orElseThrow(() -> notFound(username));
  }

  private static NotFoundException notFound(String username) {
    return new NotFoundException("no admin named '" + username + "'");
  }

  private static Admin answer(Admin a) {
    return a.withPasswordHash(HIDDEN_HASH, a.updatedAt());
  }
}
