package ferry.web.admin.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.admin.Admin;
import ferry.core.admin.AdminInput;
import ferry.core.admin.AdminPermission;
import ferry.core.admin.AdminService;
import ferry.core.auth.Actor;
import ferry.core.error.ValidationException;
import ferry.httpd.common.AdminJson;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/** /web/admin/admins: list and edit admins and their permissions; only a super admin ({@code *}), as on /api/v2/admins. */
final class AdminAccountPages {
  static final String PATH = "/web/admin/admins";
  private final WebServices services;

  AdminAccountPages(WebServices services) {
    this.services = services;
  }

  private AdminService admins() {
    return services.core().admins();
  }

  private static Actor caller(Context ctx) {
    var c = WebAuth.caller(ctx);
    c.require(AdminPermission.ALL);
    return c.actor();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> {
      Map<String, Object> m = new HashMap<>();
      m.put("page", page);
      m.put("admins", admins().list(caller(ctx), 0, 500, false));
      m.put("notice", "1".equals(ctx.queryParam("saved")) ? page.t("accounts.notice.updated") : null);
      Pages.render(ctx, "admin/accounts/admins.jte", m);
    });
    web.get(PATH + "/new", Access.ADMIN, (ctx, page) -> {
      caller(ctx);
      form(ctx, page, null, FormValues.empty().set("status", "1"), 200);
    });
    web.post(PATH + "/new", Access.ADMIN, (ctx, page) -> save(ctx, page, null));
    web.get(PATH + "/{username}", Access.ADMIN, (ctx, page) -> {
      Admin a = admins().get(caller(ctx), ctx.pathParam("username"));
      form(ctx, page, a.username(), of(a), 200);
    });
    web.post(PATH + "/{username}", Access.ADMIN, (ctx, page) -> save(ctx, page, ctx.pathParam("username")));
    web.post(PATH + "/{username}/delete", Access.ADMIN, (ctx, page) -> {
      admins().delete(caller(ctx), ctx.pathParam("username"));
      ctx.redirect(PATH + "?saved=1", HttpStatus.SEE_OTHER);
    });
  }

  /** The form's fields as the /api/v2 Admin JSON reads them. */
  static AdminInput input(FormValues f) {
    ObjectNode a = AccountFields.object();
    a.put("username", f.v("username"));
    a.put("status", f.v("status").equals("0") ? Admin.DISABLED : Admin.ENABLED);
    a.put("email", f.v("email"));
    a.put("description", f.v("description"));
    a.put("password", f.v("password"));
    a.set("permissions", AccountFields.strings(f.all("permissions")));
    ObjectNode filters = a.putObject("filters");
    filters.set("allow_list", AccountFields.strings(AccountFields.list(f, "allow_list")));
    filters.put("allow_api_key_auth", !f.v("allow_api_key_auth").isEmpty());
    a.put("additional_info", f.v("additional_info"));
    return AdminJson.adminInput(a);
  }

  static FormValues of(Admin a) {
    return FormValues.empty().set("username", a.username()).set("status", String.valueOf(a.status()))
        .set("email", a.email()).set("description", a.description())
        .set("permissions", a.permissions().stream().map(AdminPermission::wire).toList())
        .set("allow_list", String.join("\n", a.filters().allowList()))
        .set("allow_api_key_auth", a.filters().allowApiKeyAuth() ? "1" : "").set("additional_info", a.additionalInfo());
  }

  private void save(Context ctx, Page page, String username) {
    Actor a = caller(ctx);
    FormValues f = FormValues.of(ctx);
    if (username != null) f.set("username", username);
    try {
      if (username == null) admins().create(a, input(f));
      else admins().update(a, username, input(f));
      ctx.redirect(PATH + "?saved=1", HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      f.set("password", "");
      form(ctx, page, username, FieldErrors.show(f, e, page), 422);
    }
  }

  private void form(Context ctx, Page page, String username, FormValues f, int status) {
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("form", f);
    m.put("username", username);
    m.put("mfaOn", username != null && WebAuth.caller(ctx).has(ferry.core.admin.AdminPermission.DISABLE_MFA)
        && services.mfa().enabled(ferry.core.auth.web.WebSession.Kind.ADMIN, username));
    ctx.status(status);
    Pages.render(ctx, "admin/accounts/admin-edit.jte", m);
  }
}
