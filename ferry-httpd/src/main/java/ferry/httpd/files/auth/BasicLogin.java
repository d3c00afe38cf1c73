package ferry.httpd.files.auth;

import ferry.core.admin.AdminService;
import ferry.core.account.LoginMethod;
import ferry.core.account.UserDirectory;
import ferry.core.account.UserLogins;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.error.AuthenticationException;
import ferry.httpd.HttpServices;
import ferry.httpd.common.BasicCredentials;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic logins of the token routes: admins against the admin accounts, users as SFTP logs them
 * in ({@link UserLogins}, protocol HTTP). Password checks run on the shared {@link PasswordChecks}
 * pool; each failure counts toward a Defender ban.
 */
final class BasicLogin {
  private static final Logger log = LoggerFactory.getLogger(BasicLogin.class);
  private static final String WRONG = "wrong username or password";

  private final AdminService admins;
  private final UserLogins logins;
  private final UserDirectory users;
  private final Defender defender;
  private final PasswordChecks passwordChecks;

  BasicLogin(HttpServices s) {
    this.admins = s.admins();
    this.users = s.users();
    this.logins = new UserLogins(s.users());
    this.defender = s.defender();
    this.passwordChecks = s.passwordChecks();
  }

  /** The admin whose credentials the request carries. */
  String admin(Context ctx) {
    BasicCredentials up = credentials(ctx);
    String ip = ctx.ip();
    try {
      passwordChecks.call("admin:" + up.username(), () -> admins.authenticate(up.username(), up.password(), ip));
    } catch (AuthenticationException e) {
      log.warn("API token refused: admin={} remote_addr={}: wrong username or password", up.username(), ip);
      defender.record(ip, Defender.Event.LOGIN_FAILED);
      throw e;
    }
    return up.username();
  }

  /** The file-server user whose credentials the request carries, if that user may log in over HTTP. */
  String user(Context ctx) {
    BasicCredentials up = credentials(ctx);
    String ip = ctx.ip();
    UserLogins.Outcome outcome = passwordChecks.call("user:" + up.username(),
        () -> logins.passwordLogin(up.username(), up.password(), ip, LoginMethod.HTTP_PASSWORD));
    // one message for every refusal: the answer must not tell which users exist or how they are set
    switch (outcome) {
      case UserLogins.Outcome.Accepted a -> {
        users.loggedIn(a.user().username());
        return a.user().username();
      }
      case UserLogins.Outcome.NoSuchUser n -> refuse(ip, up.username(), "no such user (or disabled/expired)",
          Defender.Event.NO_SUCH_USER);
      case UserLogins.Outcome.Refused r -> refuse(ip, up.username(), r.why(), Defender.Event.LOGIN_FAILED);
      case UserLogins.Outcome.WrongPassword w -> refuse(ip, up.username(), "wrong password", Defender.Event.LOGIN_FAILED);
    }
    throw new AuthenticationException(WRONG);
  }

  private void refuse(String ip, String username, String why, Defender.Event event) {
    log.warn("HTTP login refused: user={} remote_addr={} method=password: {}", username, ip, why);
    defender.record(ip, event);
    throw new AuthenticationException(WRONG);
  }

  /** Username and password of the Basic header; 401 without one, so that curl --anyauth sends them. */
  private BasicCredentials credentials(Context ctx) {
    String auth = ctx.header("Authorization");
    if (!BasicCredentials.isBasic(auth))
      throw new AuthenticationException("send your username and password with HTTP Basic authentication");
    try {
      BasicCredentials up = BasicCredentials.decode(auth);
      if (!up.username().isEmpty()) return up;
    } catch (AuthenticationException malformed) {
      // scored below like an empty user name
    }
    defender.record(ctx.ip(), Defender.Event.BAD_REQUEST);
    throw new AuthenticationException("malformed HTTP Basic credentials");
  }
}
