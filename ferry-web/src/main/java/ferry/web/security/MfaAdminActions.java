package ferry.web.security;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.web.WebSession;
import ferry.core.error.NotFoundException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * An admin with {@code disable_mfa} turns off another account's second factor (a lost phone):
 * {@code POST /web/admin/users/{name}/mfa/disable} and {@code /web/admin/admins/{name}/mfa/disable}.
 * The user and admin pages place the button; htmx gets a fragment, a plain form goes back to the
 * account's page.
 */
final class MfaAdminActions {
  private final WebServices services;

  MfaAdminActions(WebServices services) {
    this.services = services;
  }

  void register(WebRoutes web) {
    web.post("/web/admin/users/{name}/mfa/disable", Access.ADMIN,
        (ctx, page) -> disable(ctx, page, WebSession.Kind.USER, "/web/admin/users/"));
    web.post("/web/admin/admins/{name}/mfa/disable", Access.ADMIN,
        (ctx, page) -> disable(ctx, page, WebSession.Kind.ADMIN, "/web/admin/admins/"));
  }

  private void disable(Context ctx, Page page, WebSession.Kind kind, String back) {
    WebAuth.caller(ctx).require(AdminPermission.DISABLE_MFA);
    String name = ctx.pathParam("name");
    if (!services.mfa().disable(WebAuth.caller(ctx).actor(), kind, name))
      throw new NotFoundException("no two-factor authentication for " + name);
    if (Pages.isHtmx(ctx)) {
      Pages.render(ctx, "security/mfa-off.jte", Map.of("page", page, "name", name));
    } else {
      ctx.redirect(back + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)
          .replace("+", "%20"), HttpStatus.SEE_OTHER);
    }
  }
}
