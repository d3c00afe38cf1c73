package ferry.web.frame;

import ferry.core.account.UserLogins;
import ferry.core.admin.AdminService;
import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.auth.web.WebSession;
import ferry.core.auth.web.WebSessionService;
import ferry.web.WebServices;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;
import java.util.Set;

/**
 * Web sessions in cookies: one for the console ({@code ferry_admin}, path {@code /web/admin}) and
 * one for the web client ({@code ferry_client}, path {@code /web/client}), so an admin and a user can
 * be logged in in one browser. Every request re-checks the account: disabled, deleted, no longer
 * allowed from this address, or its password changed since login (the stamp differs) ends the
 * session. Before login, a {@code ferry_pre} cookie carries the login form's CSRF token.
 */
public final class WebAuth {
  public static final String ADMIN_COOKIE = "ferry_admin";
  public static final String CLIENT_COOKIE = "ferry_client";
  public static final String PRE_COOKIE = "ferry_pre";
  static final String CALLER = "ferry.web.caller";

  private final WebServices services;
  private final UserLogins userLogins;

  public WebAuth(WebServices services) {
    this.services = services;
    this.userLogins = new UserLogins(services.core().users());
  }

  public WebServices services() {
    return services;
  }

  /** The session of this request for {@code kind} in any stage, re-checked against its account. */
  public Optional<WebCaller> session(Context ctx, WebSession.Kind kind) {
    String cookie = ctx.cookie(cookieName(kind));
    Optional<WebSession> found = services.sessions().find(cookie);
    if (found.isEmpty() || found.get().kind() != kind) return Optional.empty();
    WebSession s = found.get();
    String ip = ctx.ip();
    if (kind == WebSession.Kind.ADMIN) {
      Optional<String> stamp = services.core().admins().credentialStamp(s.username(), ip);
      if (stamp.isEmpty() || !stamp.get().equals(s.stamp())) return end(s);
      return Optional.of(new WebCaller(s, cookie, AdminService.actorOf(s.username(), ip),
          services.core().admins().permissionsOf(s.username())));
    }
    if (userLogins.tokenRefusal(s.username(), ip).isPresent() || !userStamp(s.username()).equals(s.stamp()))
      return end(s);
    return Optional.of(new WebCaller(s, cookie, userActor(s.username(), ip), Set.of()));
  }

  private Optional<WebCaller> end(WebSession s) {
    services.sessions().close(s);
    return Optional.empty();
  }

  /** The credential stamp of a file-server user now. */
  public String userStamp(String username) {
    return WebSessionService.stampOf(
        services.core().users().findLoginUser(username).map(u -> u.passwordHash()).orElse(""));
  }

  /** A file-server user as the core services know callers (as on /api/v2): never an admin. */
  public static Actor userActor(String username, String ip) {
    return new Actor("user:" + username, ip, Role.USER);
  }

  /** Opens a session after a password check, sets its cookie and returns it. */
  public WebSession open(Context ctx, WebSession.Kind kind, String username, String stamp, WebSession.Stage stage) {
    WebSessionService.Opened o = services.sessions().open(kind, username, stamp, stage, ctx.ip());
    ctx.cookie(cookie(cookieName(kind), o.cookie(), path(kind), -1));
    return o.session();
  }

  /** Ends this request's session of {@code kind} and clears its cookie. */
  public void close(Context ctx, WebSession.Kind kind) {
    session(ctx, kind).ifPresent(c -> services.sessions().close(c.session()));
    ctx.cookie(cookie(cookieName(kind), "", path(kind), 0));
  }

  /** The login form's CSRF token, creating the pre-login cookie it derives from when missing. */
  public String preLoginToken(Context ctx) {
    String pre = ctx.cookie(PRE_COOKIE);
    if (pre == null || pre.length() != 43) {
      pre = WebSessionService.randomToken();
      ctx.cookie(cookie(PRE_COOKIE, pre, "/web", -1));
    }
    return WebSessionService.csrfToken(pre);
  }

  /** The caller this request was authenticated as (set by {@link WebRoutes}). */
  public static WebCaller caller(Context ctx) {
    WebCaller c = ctx.attribute(CALLER);
    if (c == null) throw new IllegalStateException("no web caller on " + ctx.path());
    return c;
  }

  public static String cookieName(WebSession.Kind kind) {
    return kind == WebSession.Kind.ADMIN ? ADMIN_COOKIE : CLIENT_COOKIE;
  }

  public static String path(WebSession.Kind kind) {
    return kind == WebSession.Kind.ADMIN ? "/web/admin" : "/web/client";
  }

  private Cookie cookie(String name, String value, String path, int maxAge) {
    return new Cookie(name, value, path, maxAge, services.config().secureCookies(), true, null, SameSite.STRICT);
  }
}
