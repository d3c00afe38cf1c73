package ferry.web.admin.accounts;

import ferry.core.account.Group;
import ferry.core.account.GroupService;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** /web/admin/groups: list and edit, with manage_groups as on /api/v2/groups. */
final class GroupPages {
  static final String PATH = "/web/admin/groups";
  private final WebServices services;

  GroupPages(WebServices services) {
    this.services = services;
  }

  private GroupService groups() {
    return services.core().groups();
  }

  private static Actor caller(Context ctx) {
    var c = WebAuth.caller(ctx);
    c.require(AdminPermission.MANAGE_GROUPS);
    return c.actor();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> {
      Actor a = caller(ctx);
      List<Group> all = groups().list(a);
      Map<String, Object> m = new HashMap<>();
      m.put("page", page);
      m.put("groups", all);
      m.put("notice", "1".equals(ctx.queryParam("saved")) ? page.t("accounts.notice.updated")
          : "1".equals(ctx.queryParam("deleted")) ? page.t("accounts.notice.group_deleted") : null);
      Pages.render(ctx, "admin/accounts/groups.jte", m);
    });
    web.get(PATH + "/new", Access.ADMIN, (ctx, page) -> {
      caller(ctx);
      form(ctx, page, null, FormValues.empty().set("fs_provider", "local"), 200);
    });
    web.post(PATH + "/new", Access.ADMIN, (ctx, page) -> save(ctx, page, null));
    web.get(PATH + "/{name}", Access.ADMIN, (ctx, page) -> {
      Group g = groups().get(caller(ctx), ctx.pathParam("name"));
      form(ctx, page, g.name(), GroupForm.of(g), 200);
    });
    web.post(PATH + "/{name}", Access.ADMIN, (ctx, page) -> save(ctx, page, ctx.pathParam("name")));
    web.post(PATH + "/{name}/delete", Access.ADMIN, (ctx, page) -> {
      groups().delete(caller(ctx), ctx.pathParam("name"));
      ctx.redirect(PATH + "?deleted=1", HttpStatus.SEE_OTHER);
    });
  }

  private void save(Context ctx, Page page, String name) {
    Actor a = caller(ctx);
    FormValues f = FormValues.of(ctx);
    if (name != null) f.set("name", name);
    try {
      var in = GroupForm.input(f);
      if (name == null) groups().create(a, in);
      else groups().update(a, name, in);
      ctx.redirect(PATH + "?saved=1", HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      form(ctx, page, name, FieldErrors.show(f, e, page), 422);
    }
  }

  private void form(Context ctx, Page page, String name, FormValues f, int status) {
    Actor a = WebAuth.caller(ctx).actor();
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("form", f);
    m.put("name", name);
    m.put("members", name == null ? List.of() : groups().members(a, name));
    m.put("folders", services.core().folders().list(a).stream().map(x -> x.name()).toList());
    ctx.status(status);
    Pages.render(ctx, "admin/accounts/group-edit.jte", m);
  }
}
