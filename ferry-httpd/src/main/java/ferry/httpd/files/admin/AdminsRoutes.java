package ferry.httpd.files.admin;

import ferry.httpd.files.Answers;
import ferry.httpd.files.Listing;
import ferry.core.admin.Admin;
import ferry.core.admin.AdminPermission;
import ferry.core.admin.AdminService;
import ferry.core.auth.Actor;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import ferry.httpd.common.AdminJson;
import ferry.httpd.common.Body;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * /api/v2/admins for super admins ({@code *}), and every admin's own /api/v2/admin/profile and
 * /api/v2/admin/changepwd, which take a token only. An API key may not change the admin it acts as
 * (the reference's rule).
 */
final class AdminsRoutes {
  static final String PATH = "/api/v2/admins";

  private final AdminService admins;

  AdminsRoutes(AdminService admins) {
    this.admins = admins;
  }

  void register(RoutesConfig r) {
    r.get(PATH, ctx -> {
      Actor a = superAdmin(ctx);
      Listing l = Listing.of(ctx);
      ctx.json(admins.list(a, l.offset(), l.limit(), l.descending()).stream().map(AdminJson::admin).toList());
    });
    r.post(PATH, ctx -> {
      Actor a = superAdmin(ctx);
      Admin created = admins.create(a, AdminJson.adminInput(Body.object(ctx)));
      Answers.created(ctx, PATH, created.username(), AdminJson.admin(created));
    });
    r.get(PATH + "/{username}", ctx -> ctx.json(AdminJson.admin(admins.get(superAdmin(ctx), ctx.pathParam("username")))));
    r.put(PATH + "/{username}", ctx -> {
      Actor a = superAdmin(ctx);
      String username = ctx.pathParam("username");
      Caller c = Caller.of(ctx);
      if (c.via() == Caller.Via.API_KEY && c.username().equals(username))
        throw new PermissionDeniedException("an API key cannot change the admin it acts as; log in with a token");
      admins.update(a, username, AdminJson.adminInput(Body.object(ctx)));
      Answers.message(ctx, "Admin updated");
    });
    r.delete(PATH + "/{username}", ctx -> {
      admins.delete(superAdmin(ctx), ctx.pathParam("username"));
      Answers.message(ctx, "Admin deleted");
    });

    r.get("/api/v2/admin/profile", ctx -> ctx.json(AdminJson.profile(admins.profile(withToken(ctx,
        "read the admin profile")))));
    r.put("/api/v2/admin/profile", ctx -> {
      Actor a = withToken(ctx, "update the admin profile");
      AdminJson.Profile p = AdminJson.profile(Body.object(ctx));
      admins.updateProfile(a, p.email(), p.description(), p.allowApiKeyAuth());
      Answers.message(ctx, "Profile updated");
    });
    r.put("/api/v2/admin/changepwd", ctx -> {
      Actor a = withToken(ctx, "change the admin password");
      AdminJson.PasswordChange p = AdminJson.passwordChange(Body.object(ctx));
      admins.changePassword(a, p.currentPassword(), p.newPassword());
      Answers.message(ctx, "Password updated");
    });
  }

  /** The calling super admin, as the admin service knows it (which tells it who "yourself" is). */
  private static Actor superAdmin(Context ctx) {
    Caller c = Caller.admin(ctx, AdminPermission.ALL);
    return AdminService.actorOf(c.username(), c.actor().ip());
  }

  private static Actor anyAdmin(Context ctx) {
    Caller c = Caller.of(ctx);
    if (c.kind() != Caller.Kind.ADMIN)
      throw new AuthenticationException("this route needs an admin token or an admin API key");
    return AdminService.actorOf(c.username(), c.actor().ip());
  }

  /**
   * The calling admin on a route whose only security is BearerAuth in the reference. The key itself
   * authenticated, so it is 403 as the reference answers ("API key authentication is not allowed").
   */
  private static Actor withToken(Context ctx, String what) {
    Actor a = anyAdmin(ctx);
    if (Caller.of(ctx).via() == Caller.Via.API_KEY)
      throw new PermissionDeniedException("API key authentication is not allowed: an API key cannot " + what
          + "; send an admin token (Authorization: Bearer)");
    return a;
  }
}
