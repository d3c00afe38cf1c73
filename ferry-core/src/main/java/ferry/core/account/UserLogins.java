package ferry.core.account;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one place that decides whether a file-server user may log in, for every protocol (SFTP/SCP,
 * the HTTP API): enabled and unexpired, protocol and login method not denied, source address
 * allowed, password right. Front ends translate the outcome and score failures with the Defender.
 */
public final class UserLogins {
  /** The result of a password login. */
  public sealed interface Outcome {
    /** The user may log in. */
    record Accepted(LoginUser user) implements Outcome {}

    /** No such user, or disabled or expired. */
    record NoSuchUser() implements Outcome {}

    /** The user exists but may not log in this way or from there; {@code why} is for the log only. */
    record Refused(LoginUser user, String why) implements Outcome {}

    /** The password is wrong (or the user has none). */
    record WrongPassword(LoginUser user) implements Outcome {}
  }

  private final UserDirectory users;

  public UserLogins(UserDirectory users) {
    this.users = requireNonNull(users, "No user directory");
  }

  /** The user directory the logins look users up in. */
  public UserDirectory directory() {
    return users;
  }

  /**
   * Why {@code user} may not log in from {@code ip} by {@code method}.
   *
   * @return the reason (for the log), or empty when the login is allowed
   */
  public Optional<String> refusal(LoginUser user, String ip, LoginMethod method) {
    if (user.deniedProtocols().stream().anyMatch(method.protocol()::equalsIgnoreCase))
      return Optional.of(method.protocol() + " is denied to this user");
    if (user.deniedLoginMethods().stream().anyMatch(method.deniedBy()::contains))
      return Optional.of("login method " + method.method() + " is denied to this user");
    if (!users.allowsAddress(user, ip)) return Optional.of("source address not allowed for this user");
    return Optional.empty();
  }

  /**
   * Why a token issued to {@code username} may not be used from {@code ip} now: the account was
   * disabled, expired or deleted since, the address is not (or no longer) allowed, or HTTP is denied.
   *
   * @return the reason, or empty when the token may be used
   */
  public Optional<String> tokenRefusal(String username, String ip) {
    Optional<LoginUser> found = users.findLoginUser(username);
    if (found.isEmpty()) return Optional.of("the account of this token is no longer allowed to log in");
    return refusal(found.get(), ip, LoginMethod.HTTP_TOKEN);
  }

  /**
   * Whether an API key may act as {@code username} from {@code ip}: the user may log in over HTTP
   * from there, and allows API keys ({@code allow_api_key_auth}, its own or a group's).
   */
  public Outcome apiKeyLogin(String username, String ip) {
    Optional<LoginUser> found = users.findLoginUser(username);
    if (found.isEmpty()) return new Outcome.NoSuchUser();
    if (!users.allowsApiKeys(username))
      return new Outcome.Refused(found.get(), "API keys may not act as this user (allow_api_key_auth is off)");
    Optional<String> refusal = refusal(found.get(), ip, LoginMethod.HTTP_API_KEY);
    return refusal.<Outcome>map(why -> new Outcome.Refused(found.get(), why)).orElseGet(() -> new Outcome.Accepted(found.get()));
  }

  /** Looks {@code username} up and checks {@code password}; see {@link #checkPassword}. */
  public Outcome passwordLogin(String username, String password, String ip, LoginMethod method) {
    return checkPassword(users.findLoginUser(username), password, ip, method);
  }

  /**
   * Checks a password login of {@code found} (as {@link UserDirectory#findLoginUser} answered).
   * Every outcome pays for one password check (issue 10): a refusal before the check would let the
   * answer's timing tell an unknown, password-less or denied user from a wrong password.
   */
  public Outcome checkPassword(Optional<LoginUser> found, String password, String ip, LoginMethod method) {
    Optional<String> refusal = found.flatMap(u -> refusal(u, ip, method));
    boolean checkable = found.isPresent() && refusal.isEmpty() && found.get().passwordHash() != null;
    LoginUser checked = checkable ? found.get() : DecoyLogin.USER;
    boolean matches = users.checkPassword(checked, password) && checkable;
    if (found.isEmpty()) return new Outcome.NoSuchUser();
    if (refusal.isPresent()) return new Outcome.Refused(found.get(), refusal.get());
    return matches ? new Outcome.Accepted(found.get()) : new Outcome.WrongPassword(found.get());
  }
}
