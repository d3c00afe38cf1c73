package ferry.httpd.common;

import ferry.core.account.LoginMethod;
import ferry.core.account.UserDirectory;
import ferry.core.account.UserLogins;
import ferry.core.admin.AdminService;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.error.AuthenticationException;
import ferry.httpd.HttpServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Username-and-password logins over HTTP (the token routes' Basic header, the web UI's login form):
 * admins against the admin accounts, users as SFTP logs them in ({@link UserLogins}, protocol HTTP).
 * Password checks run on the shared {@link PasswordChecks} pool; each failure counts toward a
 * Defender ban, and every refusal has one message, so the answer does not tell which accounts exist.
 */
public final class PasswordLogins {
  private static final Logger log = LoggerFactory.getLogger(PasswordLogins.class);
  public static final String WRONG = "wrong username or password";

  private final AdminService admins;
  private final UserLogins logins;
  private final UserDirectory users;
  private final Defender defender;
  private final PasswordChecks passwordChecks;

  public PasswordLogins(HttpServices s) {
    this.admins = s.admins();
    this.users = s.users();
    this.logins = new UserLogins(s.users());
    this.defender = s.defender();
    this.passwordChecks = s.passwordChecks();
  }

  /** Checks an admin's password from {@code ip}; {@link AuthenticationException} when refused. */
  public void admin(String username, String password, String ip, String what) {
    try {
      passwordChecks.call("admin:" + username, () -> admins.authenticate(username, password, ip));
    } catch (AuthenticationException e) {
      log.warn("{} refused: admin={} remote_addr={}: wrong username or password", what, username, ip);
      defender.record(ip, Defender.Event.LOGIN_FAILED);
      throw e;
    }
  }

  /** Checks a file-server user's password from {@code ip}, over HTTP; {@link AuthenticationException} when refused. */
  public void user(String username, String password, String ip) {
    UserLogins.Outcome outcome = passwordChecks.call("user:" + username,
        () -> logins.passwordLogin(username, password, ip, LoginMethod.HTTP_PASSWORD));
    switch (outcome) {
      case UserLogins.Outcome.Accepted a -> {
        users.loggedIn(a.user().username());
        return;
      }
      case UserLogins.Outcome.NoSuchUser n -> refuse(ip, username, "no such user (or disabled/expired)",
          Defender.Event.NO_SUCH_USER);
      case UserLogins.Outcome.Refused r -> refuse(ip, username, r.why(), Defender.Event.LOGIN_FAILED);
      case UserLogins.Outcome.WrongPassword w -> refuse(ip, username, "wrong password", Defender.Event.LOGIN_FAILED);
    }
    throw new AuthenticationException(WRONG);
  }

  private void refuse(String ip, String username, String why, Defender.Event event) {
    log.warn("HTTP login refused: user={} remote_addr={} method=password: {}", username, ip, why);
    defender.record(ip, event);
    throw new AuthenticationException(WRONG);
  }
}
