package ferry.httpd.files.auth;

import ferry.core.admin.AdminService;
import ferry.core.account.LoginMethod;
import ferry.core.account.UserDirectory;
import ferry.core.account.UserLogins;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.error.AuthenticationException;
import ferry.httpd.HttpServices;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    String[] up = credentials(ctx);
    String ip = ctx.ip();
    try {
      passwordChecks.call("admin:" + up[0], () -> admins.authenticate(up[0], up[1], ip));
    } catch (AuthenticationException e) {
      log.warn("API token refused: admin={} remote_addr={}: wrong username or password", up[0], ip);
      defender.record(ip, Defender.Event.LOGIN_FAILED);
      throw e;
    }
    return up[0];
  }

  /** The file-server user whose credentials the request carries, if that user may log in over HTTP. */
  String user(Context ctx) {
    String[] up = credentials(ctx);
    String ip = ctx.ip();
    UserLogins.Outcome outcome =
        passwordChecks.call("user:" + up[0], () -> logins.passwordLogin(up[0], up[1], ip, LoginMethod.HTTP_PASSWORD));
    // one message for every refusal: the answer must not tell which users exist or how they are set
    switch (outcome) {
      case UserLogins.Outcome.Accepted a -> {
        users.loggedIn(a.user().username());
        return a.user().username();
      }
      case UserLogins.Outcome.NoSuchUser n -> refuse(ip, up[0], "no such user (or disabled/expired)",
          Defender.Event.NO_SUCH_USER);
      case UserLogins.Outcome.Refused r -> refuse(ip, up[0], r.why(), Defender.Event.LOGIN_FAILED);
      case UserLogins.Outcome.WrongPassword w -> refuse(ip, up[0], "wrong password", Defender.Event.LOGIN_FAILED);
    }
    throw new AuthenticationException(WRONG);
  }

  private void refuse(String ip, String username, String why, Defender.Event event) {
    log.warn("HTTP login refused: user={} remote_addr={} method=password: {}", username, ip, why);
    defender.record(ip, event);
    throw new AuthenticationException(WRONG);
  }

  /** Username and password of the Basic header; 401 without one, so that curl --anyauth sends them. */
  private String[] credentials(Context ctx) {
    String auth = ctx.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6))
      throw new AuthenticationException("send your username and password with HTTP Basic authentication");
    try {
      String s = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      if (colon > 0) return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      // not base64: refused below like a missing colon
    }
    defender.record(ctx.ip(), Defender.Event.BAD_REQUEST);
    throw new AuthenticationException("malformed HTTP Basic credentials");
  }
}
