package ferry.httpd.files;

import ferry.core.admin.AdminPermission;
import ferry.core.admin.AdminService;
import ferry.core.account.UserLogins;
import ferry.core.auth.Actor;
import ferry.core.auth.Defender;
import ferry.core.auth.Role;
import ferry.core.auth.token.Audience;
import ferry.core.auth.token.TokenService;
import ferry.core.auth.token.VerifiedToken;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import ferry.httpd.HttpServices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every matched /api/v2 request before its route runs and sets its {@link Caller}:
 * a JWT ({@code Authorization: Bearer}) or an API key ({@code X-SFTPGO-API-KEY}). Admin routes take
 * admin credentials, {@code /api/v2/user/...} user credentials. Public paths (health, shares, the
 * API's own description) need none; the token paths take HTTP Basic in their routes. A source the
 * Defender banned is refused on every route but the health check; bad tokens and keys count toward a ban.
 */
public final class FileServerAuth {
  static final String PREFIX = "/api/v2";
  private static final String TOKEN_ATTRIBUTE = "ferry.files.token";
  private static final String USER_PREFIX = PREFIX + "/user/";
  private static final Set<String> BASIC_PATHS = Set.of(PREFIX + "/token", PREFIX + "/user/token");

  private final TokenService tokens;
  private final AdminService admins;
  private final UserLogins logins;
  private final Defender defender;
  private final ApiKeyAuth apiKeys;

  public FileServerAuth(HttpServices services) {
    this.tokens = services.tokens();
    this.admins = services.admins();
    this.logins = new UserLogins(services.users());
    this.defender = services.defender();
    this.apiKeys = new ApiKeyAuth(services);
  }

  /** Registers the check before every matched /api/v2 route: an unknown path stays a 404. */
  public void register(RoutesConfig r) {
    r.beforeMatched(PREFIX + "/*", this::authenticate);
  }

  void authenticate(Context ctx) {
    String path = ctx.path();
    // load balancers probe health from wherever they are
    if (path.equals(PREFIX + "/healthz")) return;
    String ip = ctx.ip();
    if (defender.isBanned(ip))
      throw new PermissionDeniedException("requests from " + ip + " are blocked for a while after repeated failed"
          + " logins, invalid tokens or invalid API keys; try again later");
    if (isPublic(path) || BASIC_PATHS.contains(path)) return;
    boolean userRoute = path.startsWith(USER_PREFIX);
    String key = ctx.header(ApiKeyAuth.HEADER);
    String auth = ctx.header("Authorization");
    Caller caller;
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      caller = bearer(ctx, auth.substring(7).trim(), userRoute ? Audience.USER : Audience.ADMIN);
    } else if (key != null && !key.isBlank()) {
      caller = apiKeys.authenticate(ctx, key.trim(), userRoute);
    } else {
      throw new AuthenticationException("missing credentials: send a token (Authorization: Bearer, from GET "
          + (userRoute ? PREFIX + "/user/token" : PREFIX + "/token") + ") or an API key (" + ApiKeyAuth.HEADER + ")");
    }
    Caller.set(ctx, caller);
  }

  private Caller bearer(Context ctx, String token, Audience audience) {
    String ip = ctx.ip();
    VerifiedToken t;
    try {
      t = tokens.verify(token, audience);
    } catch (AuthenticationException e) {
      defender.record(ip, Defender.Event.BAD_REQUEST);
      throw e;
    }
    // the account is checked again on every use (not scored): an admin deleted or disabled, a user
    // disabled or expired since the login, or an address the account does not allow, is refused
    String name = t.username();
    if (audience == Audience.ADMIN) {
      Set<AdminPermission> permissions = admins.tokenPermissions(name, ip).orElseThrow(() ->
          new AuthenticationException("the admin of this token is disabled, deleted, or not allowed from " + ip));
      ctx.attribute(TOKEN_ATTRIBUTE, t);
      return new Caller(Caller.Kind.ADMIN, name, adminActor(name, ip), permissions, Caller.Via.TOKEN, t.id());
    }
    Optional<String> refusal = logins.tokenRefusal(name, ip);
    if (refusal.isPresent()) throw new AuthenticationException(refusal.get());
    ctx.attribute(TOKEN_ATTRIBUTE, t);
    return new Caller(Caller.Kind.USER, name, userActor(name, ip), Set.of(), Caller.Via.TOKEN, t.id());
  }

  /** The token this request was authenticated with, for logout; empty for an API key. */
  public static java.util.Optional<VerifiedToken> token(Context ctx) {
    return java.util.Optional.ofNullable(ctx.attribute(TOKEN_ATTRIBUTE));
  }

  /** An admin as the core services know callers. */
  static Actor adminActor(String username, String ip) {
    return AdminService.actorOf(username, ip);
  }

  /** A file-server user as the core services know callers: never an admin. */
  static Actor userActor(String username, String ip) {
    return new Actor("user:" + username, ip, Role.USER);
  }

  /** Paths anyone may call: shares check their own credentials, the API description is public. */
  static boolean isPublic(String path) {
    return path.startsWith(PREFIX + "/shares/") || path.equals(PREFIX + "/shares")
        || path.equals(PREFIX + "/openapi.yaml")
        || path.equals(PREFIX + "/docs") || path.startsWith(PREFIX + "/docs/");
  }
}
