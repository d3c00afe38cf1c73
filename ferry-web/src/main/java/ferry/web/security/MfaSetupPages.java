package ferry.web.security;

import ferry.core.auth.mfa.MfaService;
import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.RateLimitedException;
import ferry.core.error.ValidationException;
import ferry.httpd.common.PasswordLogins;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <area>/profile/mfa}: an account turns its own TOTP on (the secret is shown until a first
 * code confirms it), sees its recovery codes once, makes new ones, or turns TOTP off with a current
 * code or its password.
 */
final class MfaSetupPages {
  private final WebServices services;
  private final WebSession.Kind kind;
  private final String base;
  private final PasswordLogins passwords;

  MfaSetupPages(WebServices services, WebSession.Kind kind) {
    this.services = services;
    this.kind = kind;
    this.base = WebAuth.path(kind) + "/profile/mfa";
    this.passwords = new PasswordLogins(services.core());
  }

  void register(WebRoutes web) {
    Access access = kind == WebSession.Kind.ADMIN ? Access.ADMIN : Access.USER;
    web.get(base, access, (ctx, page) -> show(ctx, page, null, null, 200));
    web.post(base + "/begin", access, (ctx, page) -> {
      services.mfa().begin(kind, WebAuth.caller(ctx).username());
      ctx.redirect(base, HttpStatus.SEE_OTHER);
    });
    web.post(base + "/confirm", access, (ctx, page) -> withCode(ctx, page,
        () -> services.mfa().confirm(kind, WebAuth.caller(ctx).username(), ctx.formParam("code"), ctx.ip())));
    web.post(base + "/codes", access, (ctx, page) -> withCode(ctx, page,
        () -> services.mfa().regenerate(kind, WebAuth.caller(ctx).username(), ctx.formParam("code"), ctx.ip())));
    web.post(base + "/disable", access, this::disable);
  }

  /** Runs a step that needs a right code; shows the recovery codes it returns, or the page again with the error. */
  private void withCode(Context ctx, Page page, java.util.function.Supplier<List<String>> step) {
    try {
      show(ctx, page, step.get(), null, 200);
    } catch (ValidationException | AuthenticationException e) {
      show(ctx, page, null, page.t("security.setup.wrong_code"), 422);
    } catch (RateLimitedException e) {
      show(ctx, page, null, page.t("security.login.too_many"), 429);
    }
  }

  private void disable(Context ctx, Page page) {
    WebCaller caller = WebAuth.caller(ctx);
    String code = ctx.formParam("code");
    String password = ctx.formParam("password");
    try {
      if (code != null && !code.isBlank()) {
        services.mfa().verify(kind, caller.username(), code, ctx.ip());
      } else if (kind == WebSession.Kind.ADMIN) {
        passwords.admin(caller.username(), password == null ? "" : password, ctx.ip(), "web console second factor off");
      } else {
        passwords.user(caller.username(), password == null ? "" : password, ctx.ip());
      }
    } catch (AuthenticationException e) {
      show(ctx, page, null, page.t("security.setup.wrong_proof"), 422);
      return;
    } catch (RateLimitedException e) {
      show(ctx, page, null, page.t("security.login.too_many"), 429);
      return;
    }
    services.mfa().disable(caller.actor(), kind, caller.username());
    ctx.redirect(base, HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, Page page, List<String> codes, String error, int status) {
    String user = WebAuth.caller(ctx).username();
    MfaService mfa = services.mfa();
    boolean on = mfa.enabled(kind, user);
    Optional<MfaService.Enrollment> pending = on ? Optional.empty() : mfa.pending(kind, user);
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("base", base);
    p.put("state", on ? "on" : pending.isPresent() ? "pending" : "off");
    p.put("enrollment", pending.orElse(null));
    p.put("codes", codes);
    p.put("codesLeft", on ? mfa.codesLeft(kind, user) : 0);
    p.put("error", error);
    ctx.status(status);
    Pages.render(ctx, "security/profile-mfa.jte", p);
  }
}
