package ferry.httpd.files.auth;

import ferry.core.auth.Defender;
import ferry.core.error.AuthenticationException;
import ferry.httpd.HttpServices;
import ferry.httpd.common.BasicCredentials;
import ferry.httpd.common.PasswordLogins;
import io.javalin.http.Context;

/**
 * HTTP Basic logins of the token routes, checked by {@link PasswordLogins}; a missing or malformed
 * header is refused here.
 */
final class BasicLogin {
  private final PasswordLogins logins;
  private final Defender defender;

  BasicLogin(HttpServices s) {
    this.logins = new PasswordLogins(s);
    this.defender = s.defender();
  }

  /** The admin whose credentials the request carries. */
  String admin(Context ctx) {
    BasicCredentials up = credentials(ctx);
    logins.admin(up.username(), up.password(), ctx.ip(), "API token");
    return up.username();
  }

  /** The file-server user whose credentials the request carries, if that user may log in over HTTP. */
  String user(Context ctx) {
    BasicCredentials up = credentials(ctx);
    logins.user(up.username(), up.password(), ctx.ip());
    return up.username();
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
