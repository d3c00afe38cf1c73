package ferry.httpd.common;

import ferry.core.account.AdminService;
import ferry.core.auth.Actor;
import ferry.core.auth.ApiKeyService;
import ferry.core.error.AuthenticationException;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Identifies the caller from X-API-Key or HTTP Basic admin credentials. */
public final class Authenticator {
  private static final String ACTOR = "ferry.actor";
  private final ApiKeyService keys;
  private final AdminService admins;

  public Authenticator(ApiKeyService keys, AdminService admins) {
    this.keys = keys;
    this.admins = admins;
  }

  /** Authenticates the request and remembers the caller for {@link #actor}. */
  public void authenticate(Context ctx) {
    String key = ctx.header("X-API-Key");
    String auth = ctx.header("Authorization");
    Actor actor;
    if (key != null && !key.isBlank()) {
      actor = keys.authenticate(key.trim(), remote(ctx));
    } else if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] up = decodeBasic(auth.substring(6).trim());
      actor = admins.authenticate(up[0], up[1], ctx.ip());
    } else {
      throw new AuthenticationException(
          "missing credentials: send an API key in the X-API-Key header, or admin credentials with HTTP Basic");
    }
    ctx.attribute(ACTOR, actor);
  }

  /** The caller of an authenticated request. */
  public static Actor actor(Context ctx) {
    Actor a = ctx.attribute(ACTOR);
    if (a == null) throw new IllegalStateException("route reached without authentication");
    return a;
  }

  private static String[] decodeBasic(String b64) {
    try {
      String s = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      if (colon < 0) throw new AuthenticationException("malformed HTTP Basic credentials");
      return new String[] {s.substring(0, colon), s.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      throw new AuthenticationException("malformed HTTP Basic credentials");
    }
  }

  private static InetAddress remote(Context ctx) {
    try {
      // the servlet gives a literal address, so this never resolves a name
      return InetAddress.getByName(ctx.req().getRemoteAddr());
    } catch (UnknownHostException e) {
      throw new AuthenticationException("cannot read the caller's address");
    }
  }
}
