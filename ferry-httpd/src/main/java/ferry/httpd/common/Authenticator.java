package ferry.httpd.common;

import ferry.core.admin.AdminPermission;
import ferry.core.admin.AdminService;
import ferry.core.auth.Actor;
import ferry.core.auth.ApiKeyService;
import ferry.core.auth.Cidr;
import ferry.core.auth.Defender;
import ferry.core.auth.Defender.Event;
import ferry.core.auth.PasswordChecks;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * Identifies the caller from X-API-Key or HTTP Basic admin credentials. Refuses sources the
 * Defender has banned, and scores invalid credentials toward a ban. The caller's address is {@code
 * ctx.ip()}, which {@link ClientAddress} decides.
 */
public final class Authenticator {
  private static final String ACTOR = "ferry.actor";
  private final ApiKeyService keys;
  private final AdminService admins;
  private final Defender defender;
  private final PasswordChecks passwordChecks;

  /** {@code passwordChecks} runs the argon2 checks of HTTP Basic, off the threads serving requests. */
  public Authenticator(ApiKeyService keys, AdminService admins, Defender defender, PasswordChecks passwordChecks) {
    this.keys = keys;
    this.admins = admins;
    this.defender = defender;
    this.passwordChecks = passwordChecks;
  }

  /** Authenticates the request and remembers the caller for {@link #actor}. */
  public void authenticate(Context ctx) {
    String ip = ctx.ip();
    String key = ctx.header("X-API-Key");
    boolean hasKey = key != null && !key.isBlank();
    // The CLI on this machine lifts bans with the data dir's key, so a banned loopback cannot lock it out.
    if (defender.isBanned(ip) && !(hasKey && keys.isLocalKey(key.trim())))
      throw new PermissionDeniedException("requests from " + ip + " are blocked for a while after repeated failed"
          + " logins or invalid API keys; try again later, or ask an admin to run `ferry defender unban " + ip + "`");
    String auth = ctx.header("Authorization");
    Actor actor;
    if (hasKey) {
      actor = scored(ip, Event.BAD_REQUEST, () -> keys.authenticate(key.trim(), address(ip)));
    } else if (BasicCredentials.isBasic(auth)) {
      BasicCredentials up = scored(ip, Event.BAD_REQUEST, () -> BasicCredentials.decode(auth));
      actor = scored(ip, Event.LOGIN_FAILED, () -> passwordChecks.call("admin:" + up.username(),
          () -> admins.authenticate(up.username(), up.password(), ip)));
      // /v1 has no per-permission checks, so only a super admin may use it (issue 12)
      if (!admins.permissionsOf(up.username()).contains(AdminPermission.ALL))
        throw new PermissionDeniedException("admin " + up.username() + " lacks the \"*\" permission this API needs;"
            + " use /api/v2, where its permissions apply");
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

  private static InetAddress address(String ip) {
    InetAddress a = Cidr.address(ip);
    if (a == null) throw new AuthenticationException("cannot read the caller's address");
    return a;
  }
}
