package ferry.web.security;

import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.RateLimitedException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import ferry.web.login.LoginRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <area>/login/mfa}: between the password and the pages, a session in the MFA stage gives a
 * TOTP code or a recovery code; a right one promotes the session, a wrong one shows the page again
 * (422) with the session still waiting. The layout shows no navigation to a session in this stage.
 */
final class MfaLoginStep {
  private final WebServices services;
  private final WebAuth auth;
  private final WebSession.Kind kind;
  private final String base;

  MfaLoginStep(WebServices services, WebAuth auth, WebSession.Kind kind) {
    this.services = services;
    this.auth = auth;
    this.kind = kind;
    this.base = WebAuth.path(kind);
  }

  void register(WebRoutes web) {
    Access access = kind == WebSession.Kind.ADMIN ? Access.ADMIN_MFA : Access.USER_MFA;
    web.get(base + "/login/mfa", access, (ctx, page) -> form(ctx, page, null, 200));
    web.post(base + "/login/mfa", access, this::check);
    web.post(base + "/login/mfa/cancel", access, (ctx, page) -> {
      auth.close(ctx, kind);
      ctx.redirect(base + "/login", HttpStatus.SEE_OTHER);
    });
  }

  private void check(Context ctx, Page page) {
    WebCaller caller = WebAuth.caller(ctx);
    String ip = ctx.ip();
    if (services.core().defender().isBanned(ip)) {
      form(ctx, page, page.t("login.banned"), 403);
      return;
    }
    String recovery = ctx.formParam("recovery");
    try {
      if (recovery != null && !recovery.isBlank()) {
        services.mfa().useRecoveryCode(kind, caller.username(), recovery.strip(), ip);
      } else {
        services.mfa().verify(kind, caller.username(), ctx.formParam("code"), ip);
      }
    } catch (AuthenticationException e) {
      form(ctx, page, page.t("security.login.wrong"), 422);
      return;
    } catch (RateLimitedException e) {
      form(ctx, page, page.t("security.login.too_many"), 429);
      return;
    }
    services.sessions().promote(caller.session());
    ctx.redirect(LoginRoutes.safeNext(ctx.formParam("next"), kind), HttpStatus.SEE_OTHER);
  }

  private void form(Context ctx, Page page, String error, int status) {
    Map<String, Object> p = new HashMap<>();
    // no caller on the page: the layout then shows neither navigation nor logout
    p.put("page", new Page(page.messages(), page.csrf(), Optional.empty(), page.area(), page.path()));
    p.put("base", base);
    p.put("error", error);
    p.put("next", LoginRoutes.safeNext(ctx.formParam("next") != null ? ctx.formParam("next") : ctx.queryParam("next"),
        kind));
    ctx.status(status);
    Pages.render(ctx, "security/login-mfa.jte", p);
  }
}
