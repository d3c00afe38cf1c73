package ferry.httpd.files;

import ferry.core.admin.AdminService;
import ferry.core.auth.Defender;
import ferry.core.auth.FileApiKeyService;
import ferry.core.auth.KeyScope;
import ferry.core.error.AuthenticationException;
import ferry.httpd.HttpServices;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The {@code X-SFTPGO-API-KEY} header of /api/v2: an admin-scope key on the admin routes, a
 * user-scope key on {@code /api/v2/user/...}. A key that does not authenticate counts toward a ban.
 */
final class ApiKeyAuth {
  static final String HEADER = "X-SFTPGO-API-KEY";

  private final FileApiKeyService keys;
  private final AdminService admins;
  private final Defender defender;

  ApiKeyAuth(HttpServices services) {
    this.keys = services.fileApiKeys();
    this.admins = services.admins();
    this.defender = services.defender();
  }

  Caller authenticate(Context ctx, String key, boolean userRoute) {
    String ip = ctx.ip();
    FileApiKeyService.KeyLogin login;
    try {
      login = keys.authenticate(key, ip);
    } catch (AuthenticationException e) {
      defender.record(ip, Defender.Event.BAD_REQUEST);
      throw e;
    }
    // a working key on the other face's routes is a mistake, not a guess: refused, not scored
    if (userRoute != (login.scope() == KeyScope.FILE_USER))
      throw new AuthenticationException(userRoute
          ? "this route needs a user token or a user API key (scope 2)"
          : "this route needs an admin token or an admin API key (scope 1)");
    return login.scope() == KeyScope.FILE_ADMIN
        ? new Caller(Caller.Kind.ADMIN, login.username(), FileServerAuth.adminActor(login.username(), ip),
            admins.permissionsOf(login.username()), Caller.Via.API_KEY, null)
        : new Caller(Caller.Kind.USER, login.username(), FileServerAuth.userActor(login.username(), ip), Set.of(),
            Caller.Via.API_KEY, null);
  }
}
