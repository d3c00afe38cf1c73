package ferry.web.admin.accounts;

import ferry.core.account.Group;
import ferry.core.account.User;
import ferry.core.account.UserService;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.error.FerryException;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * /web/admin/users: the list (paged, sorted and searched in the database), bulk enable, disable
 * and delete, and the edit form. Permissions are those of the /api/v2/users routes: view_users to
 * see, add_users to create, edit_users to change (and enable or disable), del_users to delete.
 */
final class UserPages {
  private static final Set<String> NOTICES = Set.of("created", "updated", "deleted", "enabled", "disabled");

  private final WebServices services;

  UserPages(WebServices services) {
    this.services = services;
  }

  private UserService users() {
    return services.core().users();
  }

  void register(WebRoutes web) {
    web.get(UserList.PATH, Access.ADMIN, this::list);
    web.post(UserList.PATH + "/bulk", Access.ADMIN, this::bulk);
    web.get(UserList.PATH + "/new", Access.ADMIN, (ctx, page) -> {
      WebAuth.caller(ctx).require(AdminPermission.ADD_USERS);
      form(ctx, page, null, UserForm.blank(), 200);
    });
    web.post(UserList.PATH + "/new", Access.ADMIN, (ctx, page) -> save(ctx, page, null));
    web.get(UserList.PATH + "/{username}", Access.ADMIN, (ctx, page) -> {
      Actor a = caller(ctx, AdminPermission.VIEW_USERS);
      User u = users().get(a, ctx.pathParam("username"));
      FormValues f = UserForm.of(u);
      if (services.core().customers().isCustomer(u.username())) f.set("customer", "1");
      form(ctx, page, u.username(), f, 200);
    });
    web.post(UserList.PATH + "/{username}", Access.ADMIN, (ctx, page) -> save(ctx, page, ctx.pathParam("username")));
  }

  private static Actor caller(Context ctx, AdminPermission p) {
    WebCaller c = WebAuth.caller(ctx);
    c.require(p);
    return c.actor();
  }

  private void list(Context ctx, Page page) {
    Actor a = caller(ctx, AdminPermission.VIEW_USERS);
    UserList asked = UserList.asked(ctx);
    UserList list = asked.with(users().search(a, asked.query(), asked.request()));
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("list", list);
    m.put("notice", notice(ctx, page));
    Pages.render(ctx, Pages.isHtmx(ctx) ? "admin/accounts/users-table.jte" : "admin/accounts/users.jte", m);
  }

  private static String notice(Context ctx, Page page) {
    String n = ctx.queryParam("notice");
    if (n == null || !NOTICES.contains(n)) return null;
    String count = ctx.queryParam("n");
    return page.t("accounts.notice." + n, count == null || !count.matches("\\d{1,6}") ? 1 : Integer.parseInt(count));
  }

  /** Enable, disable or delete the checked users; delete only once confirmed. */
  private void bulk(Context ctx, Page page) {
    String action = ctx.formParam("action");
    List<String> names = ctx.formParams("user");
    String back = ctx.formParam("back");
    if (back == null || !back.startsWith(UserList.PATH + "?")) back = UserList.PATH + "?";
    AdminPermission needed = "delete".equals(action) ? AdminPermission.DEL_USERS : AdminPermission.EDIT_USERS;
    if (action == null || !List.of("enable", "disable", "delete").contains(action))
      throw new ValidationException("action must be enable, disable or delete", Map.of("field", "action"));
    Actor a = caller(ctx, needed);
    if (action.equals("delete") && !"1".equals(ctx.formParam("confirmed")) && !names.isEmpty()) {
      Pages.render(ctx, "admin/accounts/users-confirm.jte", Map.of("page", page, "names", names, "back", back));
      return;
    }
    List<String> failed = new ArrayList<>();
    for (String n : names) {
      try {
        switch (action) {
          case "delete" -> users().delete(a, n);
          case "enable" -> users().update(a, n, UserForm.withStatus(users().get(a, n), User.ENABLED));
          default -> users().update(a, n, UserForm.withStatus(users().get(a, n), User.DISABLED));
        }
      } catch (FerryException e) {
        failed.add(n + ": " + page.messages().core(e.getMessage()));
      }
    }
    if (!failed.isEmpty()) throw new ValidationException(String.join("; ", failed));
    String to = back + "&notice=" + action + "d&n=" + names.size();
    if (Pages.isHtmx(ctx)) ctx.header("HX-Location", to).status(204);
    else ctx.redirect(to, HttpStatus.SEE_OTHER);
  }

  private void save(Context ctx, Page page, String username) {
    Actor a = caller(ctx, username == null ? AdminPermission.ADD_USERS : AdminPermission.EDIT_USERS);
    FormValues f = FormValues.of(ctx);
    if (username != null) f.set("username", username);
    try {
      var in = UserForm.input(f, groupNames(a));
      User saved = username == null ? users().create(a, in) : users().update(a, username, in);
      customerRole(saved.username(), !f.v("customer").isEmpty());
      ctx.redirect(UserList.PATH + "?notice=" + (username == null ? "created" : "updated") + "&q="
          + URLEncoder.encode(saved.username(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      f.set("password", "");
      form(ctx, page, username, FieldErrors.show(f, e, page), 422);
    }
  }

  /** The orchestration face's customer role (any admin may grant it, as on /api/customers). */
  private void customerRole(String username, boolean wanted) {
    var customers = services.core().customers();
    if (wanted && !customers.isCustomer(username)) customers.grant(username);
    else if (!wanted && customers.isCustomer(username)) customers.revoke(username);
  }

  private List<String> groupNames(Actor a) {
    return services.core().groups().list(a).stream().map(Group::name).toList();
  }

  private void form(Context ctx, Page page, String username, FormValues f, int status) {
    WebCaller c = WebAuth.caller(ctx);
    boolean canSave = username == null ? c.has(AdminPermission.ADD_USERS) : c.has(AdminPermission.EDIT_USERS);
    List<String> folders = services.core().folders().list(c.actor()).stream().map(x -> x.name()).toList();
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("form", f);
    m.put("username", username);
    m.put("readOnly", !canSave);
    m.put("canDelete", username != null && c.has(AdminPermission.DEL_USERS));
    m.put("groups", groupNames(c.actor()));
    m.put("folders", folders);
    m.put("mfaOn", username != null && c.has(AdminPermission.DISABLE_MFA)
        && services.mfa().enabled(ferry.core.auth.web.WebSession.Kind.USER, username));
    ctx.status(status);
    Pages.render(ctx, "admin/accounts/user-edit.jte", m);
  }
}
