package ferry.httpd.common;

import ferry.core.account.AdminService;
import ferry.core.auth.Actor;
import ferry.core.auth.ApiKeyService;
import ferry.core.auth.Defender;
import ferry.core.auth.Defender.Event;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Identifies the caller from X-API-Key or HTTP Basic admin credentials. Refuses sources the
 * Defender has banned, and scores invalid credentials toward a ban.
 */
public final class Authenticator {
  private static final String ACTOR = "ferry.actor";
  private final ApiKeyService keys;
  private final AdminService admins;
  private final Defender defender;

  public Authenticator(ApiKeyService keys, AdminService admins, Defender defender) {
    this.keys = keys;
    this.admins = admins;
    this.defender = defender;
  }

  /** Authenticates the request and remembers the caller for {@link #actor}. */
  public void authenticate(Context ctx) {
    // The socket's address, never a forwarding header a client could forge.
    String ip = ctx.req().getRemoteAddr();
    if (defender.isBanned(ip))
      throw new PermissionDeniedException("requests from " + ip + " are blocked for a while after repeated failed"
          + " logins or invalid API keys; try again later, or ask an admin to run `ferry defender unban " + ip + "`");
    String key = ctx.header("X-API-Key");
    String auth = ctx.header("Authorization");
    Actor actor;
    if (key != null && !key.isBlank()) {
      actor = scored(ip, Event.BAD_REQUEST, () -> keys.authenticate(key.trim(), remote(ctx)));
    } else if (auth != null && auth.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] up = scored(ip, Event.BAD_REQUEST, () -> decodeBasic(auth.substring(6).trim()));
      actor = scored(ip, Event.LOGIN_FAILED, () -> admins.authenticate(up[0], up[1], ctx.ip()));
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

  /** Runs {@code check}; a failed authentication adds {@code event} to the source's score. */
  private <T> T scored(String ip, Event event, Supplier<T> check) {
    try {
      return check.get();
    } catch (AuthenticationException e) {
      defender.record(ip, event);
      throw e;
    }
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
