package ferry.web.admin;

import ferry.core.admin.Admin;
import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebErrors;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logged-in admin's own profile (/web/admin/profile): e-mail, description, the API-key switch,
 * and the password. A password change ends every console session of this admin, then opens a new
 * one for this browser.
 */
public final class ProfilePage {
  private final WebServices services;
  private final WebAuth auth;

  public ProfilePage(WebServices services, WebAuth auth) {
    this.services = services;
    this.auth = auth;
  }

  public void register(WebRoutes web) {
    web.get("/web/admin/profile", Access.ADMIN, (ctx, page) -> show(ctx, page, null, Map.of(), 200));
    web.post("/web/admin/profile", Access.ADMIN, this::saveProfile);
    web.post("/web/admin/profile/password", Access.ADMIN, this::changePassword);
  }

  private void show(Context ctx, Page page, String notice, Map<String, List<String>> fields, int status) {
    Admin me = services.core().admins().profile(WebAuth.caller(ctx).actor());
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("admin", me);
    p.put("notice", notice);
    p.put("fields", fields);
    ctx.status(status);
    Pages.render(ctx, "admin/profile.jte", p);
  }

  private void saveProfile(Context ctx, Page page) {
    WebCaller me = WebAuth.caller(ctx);
    try {
      services.core().admins().updateProfile(me.actor(), ctx.formParam("email"), ctx.formParam("description"),
          "on".equals(ctx.formParam("allow_api_key_auth")));
    } catch (ValidationException e) {
      show(ctx, page, null, WebErrors.localized(e, page.messages()), 422);
      return;
    }
    show(ctx, page, page.t("profile.saved"), Map.of(), 200);
  }

  private void changePassword(Context ctx, Page page) {
    WebCaller me = WebAuth.caller(ctx);
    String next = ctx.formParam("new_password");
    if (next == null || !next.equals(ctx.formParam("new_password_repeat"))) {
      show(ctx, page, null, Map.of("new_password_repeat", List.of(page.t("setup.mismatch"))), 422);
      return;
    }
    try {
      services.core().admins().changePassword(me.actor(), ctx.formParam("current_password"), next);
    } catch (ValidationException | AuthenticationException e) {
      Map<String, List<String>> fields = e instanceof ValidationException v ? WebErrors.localized(v, page.messages()) : Map.of();
      String field = e.getMessage().startsWith("current_password") ? "current_password" : "new_password";
      show(ctx, page, null, fields.isEmpty() ? Map.of(field, List.of(page.messages().core(e.getMessage()))) : fields, 422);
      return;
    }
    services.sessions().closeAll(WebSession.Kind.ADMIN, me.username());
    String stamp = services.core().admins().credentialStamp(me.username(), ctx.ip()).orElseThrow();
    auth.open(ctx, WebSession.Kind.ADMIN, me.username(), stamp, WebSession.Stage.READY);
    ctx.redirect("/web/admin/profile?changed=1", HttpStatus.SEE_OTHER);
  }

}
