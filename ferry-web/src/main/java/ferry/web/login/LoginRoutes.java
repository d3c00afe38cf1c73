package ferry.web.login;

import static java.nio.charset.StandardCharsets.UTF_8;

import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.RateLimitedException;
import ferry.httpd.common.PasswordLogins;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Locales;
import ferry.web.frame.Messages;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Login and logout of the console and the web client, and the console's first-admin setup. A login
 * is the same check as every other HTTP login ({@link PasswordLogins}: Defender, one message for
 * every refusal), limited besides to {@link FailedLogins#LIMIT} failed tries a minute per address.
 */
public final class LoginRoutes {
  private final WebServices services;
  private final WebAuth auth;
  private final PasswordLogins logins;
  private final FailedLogins failed = new FailedLogins(Clock.systemUTC());
  private final FirstAdminSetup setup;

  public LoginRoutes(WebServices services, WebAuth auth) {
    this.services = services;
    this.auth = auth;
    this.logins = new PasswordLogins(services.core());
    this.setup = new FirstAdminSetup(services, auth);
  }

  public void register(WebRoutes web) {
    web.get("/web", Access.PUBLIC, (ctx, page) -> ctx.redirect("/web/client", HttpStatus.SEE_OTHER));
    web.get("/web/lang", Access.PUBLIC, this::language);
    for (WebSession.Kind kind : WebSession.Kind.values()) {
      String base = WebAuth.path(kind);
      web.get(base + "/login", Access.PUBLIC, (ctx, page) -> form(ctx, page, kind, null, 200));
      web.post(base + "/login", Access.PUBLIC, (ctx, page) -> login(ctx, page, kind));
      web.post(base + "/logout", kind == WebSession.Kind.ADMIN ? Access.ADMIN : Access.USER, (ctx, page) -> {
        auth.close(ctx, kind);
        ctx.redirect(base + "/login", HttpStatus.SEE_OTHER);
      });
    }
    setup.register(web);
  }

  private void form(Context ctx, Page page, WebSession.Kind kind, String error, int status) {
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("admin", kind == WebSession.Kind.ADMIN);
    p.put("error", error);
    p.put("next", safeNext(ctx.queryParam("next"), kind));
    p.put("setup", kind == WebSession.Kind.ADMIN && setup.open());
    ctx.status(status);
    Pages.render(ctx, "login.jte", p);
  }

  private void login(Context ctx, Page page, WebSession.Kind kind) {
    String ip = ctx.ip();
    if (services.core().defender().isBanned(ip)) {
      form(ctx, page, kind, page.t("login.banned"), 403);
      return;
    }
    Duration wait = failed.wait(ip);
    if (!wait.isZero()) throw new RateLimitedException("too many failed logins from " + ip, wait);
    String username = ctx.formParam("username") == null ? "" : ctx.formParam("username").strip();
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    String stamp;
    try {
      if (username.isEmpty() || password.isEmpty()) throw new AuthenticationException(PasswordLogins.WRONG);
      if (kind == WebSession.Kind.ADMIN) {
        logins.admin(username, password, ip, "web console login");
        stamp = services.core().admins().credentialStamp(username, ip).orElseThrow(() ->
            new AuthenticationException(PasswordLogins.WRONG));
      } else {
        logins.user(username, password, ip);
        stamp = auth.userStamp(username);
      }
    } catch (AuthenticationException e) {
      failed.failed(ip);
      form(ctx, page, kind, page.t("login.wrong"), 401);
      return;
    }
    String next = safeNext(ctx.formParam("next"), kind);
    if (services.mfa().enabled(kind, username)) { // the second factor comes next (ferry.web.security)
      auth.open(ctx, kind, username, stamp, WebSession.Stage.MFA);
      String base = WebAuth.path(kind);
      ctx.redirect(base + "/login/mfa" + (next.equals(base) ? "" : "?next=" + URLEncoder.encode(next, UTF_8)),
          HttpStatus.SEE_OTHER);
      return;
    }
    auth.open(ctx, kind, username, stamp, WebSession.Stage.READY);
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  /** Only a path of the same area: an open redirect would let a link send a fresh login elsewhere. */
  public static String safeNext(String next, WebSession.Kind kind) {
    String base = WebAuth.path(kind);
    if (next == null || !next.startsWith(base) || next.contains("//") || next.contains("\\") || next.contains("..")
        || next.startsWith(base + "/login"))
      return base;
    return next;
  }

  private void language(Context ctx, Page page) {
    String lang = ctx.queryParam("l");
    boolean known = Messages.LANGUAGES.stream().anyMatch(l -> l.getLanguage().equals(lang));
    if (known) ctx.cookie(new Cookie(Locales.COOKIE, lang, "/", 365 * 24 * 3600, services.config().secureCookies(), true,
        null, SameSite.LAX));
    String next = ctx.queryParam("next");
    ctx.redirect(next != null && next.startsWith("/web") && !next.contains("//") ? next : "/web", HttpStatus.SEE_OTHER);
  }

}
