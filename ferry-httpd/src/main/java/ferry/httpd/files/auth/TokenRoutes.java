package ferry.httpd.files.auth;

import ferry.core.auth.token.Audience;
import ferry.core.auth.token.IssuedToken;
import ferry.core.auth.token.TokenService;
import ferry.core.error.PermissionDeniedException;
import ferry.httpd.HttpServices;
import ferry.httpd.files.Caller;
import ferry.httpd.files.FileServerAuth;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Token login and logout of /api/v2, for admins and users; and the version, which any admin may read. */
public final class TokenRoutes {
  private final TokenService tokens;
  private final BasicLogin basic;
  private final String version;

  public TokenRoutes(HttpServices services) {
    this.tokens = services.tokens();
    this.basic = new BasicLogin(services);
    this.version = services.version();
  }

  public void register(RoutesConfig r) {
    r.get("/api/v2/token", ctx -> token(ctx, tokens.issue(basic.admin(ctx), Audience.ADMIN)));
    r.get("/api/v2/user/token", ctx -> token(ctx, tokens.issue(basic.user(ctx), Audience.USER)));
    r.get("/api/v2/logout", this::logout);
    r.get("/api/v2/user/logout", this::logout);
    r.get("/api/v2/version", this::version);
  }

  private static void token(Context ctx, IssuedToken t) {
    ctx.header("Cache-Control", "no-store");
    ctx.json(Map.of("access_token", t.token(), "expires_at", t.expiresAt().toString()));
  }

  /** Ends the caller's token on every node; an API key has none: 403, as the reference refuses keys on its token-only routes. */
  private void logout(Context ctx) {
    Caller.of(ctx); // authenticated, for this path's audience
    var token = FileServerAuth.token(ctx)
        .orElseThrow(() -> new PermissionDeniedException("API key authentication is not allowed here: an API key has no token to invalidate"));
    tokens.revoke(token);
    ctx.json(Map.of("message", "Your token has been invalidated"));
  }

  private void version(Context ctx) {
    Caller c = Caller.of(ctx);
    if (c.kind() != Caller.Kind.ADMIN) throw new ferry.core.error.AuthenticationException("this route needs an admin token or an admin API key");
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("version", version);
    v.put("build_date", "");
    v.put("commit_hash", "");
    // the reference's feature names: + built in, - not available
    v.put("features", java.util.List.of("+pgsql", "+s3", "+metrics", "-bolt", "-mysql", "-sqlite", "-gcs",
        "-azblob", "-portable", "-unixcrypt"));
    ctx.json(v);
  }
}
