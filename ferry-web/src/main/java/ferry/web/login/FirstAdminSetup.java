package ferry.web.login;

import ferry.core.admin.AdminService;
import ferry.core.auth.web.WebSession;
import ferry.core.error.AuthenticationException;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The console's first-admin setup: while the first admin still has the password Ferry generated at
 * its first start (printed once, kept in {@code initial-admin-password}), {@code /web/admin/setup}
 * lets whoever holds that password choose the real one and logs them in. Knowing the generated
 * password proves access to the server's console or data dir; afterwards the page is gone.
 */
final class FirstAdminSetup {
  private final WebServices services;
  private final WebAuth auth;

  FirstAdminSetup(WebServices services, WebAuth auth) {
    this.services = services;
    this.auth = auth;
  }

  /** Whether the setup is still to be done. */
  boolean open() {
    return Files.exists(services.config().initialAdminPassword());
  }

  void register(WebRoutes web) {
    web.get("/web/admin/setup", Access.PUBLIC, (ctx, page) -> {
      if (!open()) ctx.redirect("/web/admin/login", HttpStatus.SEE_OTHER);
      else form(ctx, page, null, Map.of(), 200);
    });
    web.post("/web/admin/setup", Access.PUBLIC, this::submit);
  }

  private void form(Context ctx, Page page, String error, Map<String, ?> fields, int status) {
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("error", error);
    p.put("fields", fields);
    ctx.status(status);
    Pages.render(ctx, "setup.jte", p);
  }

  private void submit(Context ctx, Page page) {
    if (!open()) {
      ctx.redirect("/web/admin/login", HttpStatus.SEE_OTHER);
      return;
    }
    String initial = ctx.formParam("initial_password");
    String next = ctx.formParam("password");
    String repeat = ctx.formParam("password_repeat");
    AdminService admins = services.core().admins();
    String ip = ctx.ip();
    if (initial == null || !admins.hasPassword(AdminService.FIRST_ADMIN, initial)) {
      services.core().defender().record(ip, ferry.core.auth.Defender.Event.LOGIN_FAILED);
      form(ctx, page, page.t("setup.wrong_initial"), Map.of(), 401);
      return;
    }
    if (next == null || !next.equals(repeat)) {
      form(ctx, page, null, Map.of("password_repeat", java.util.List.of(page.t("setup.mismatch"))), 422);
      return;
    }
    try {
      admins.changePassword(AdminService.actorOf(AdminService.FIRST_ADMIN, ip), initial, next);
    } catch (ValidationException e) {
      form(ctx, page, null, Map.of("password", java.util.List.of(page.messages().core(e.getMessage()))), 422);
      return;
    } catch (AuthenticationException e) {
      form(ctx, page, page.t("setup.wrong_initial"), Map.of(), 401);
      return;
    }
    try {
      Files.deleteIfExists(services.config().initialAdminPassword());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String stamp = admins.credentialStamp(AdminService.FIRST_ADMIN, ip).orElseThrow();
    auth.open(ctx, WebSession.Kind.ADMIN, AdminService.FIRST_ADMIN, stamp, WebSession.Stage.READY);
    ctx.redirect("/web/admin", HttpStatus.SEE_OTHER);
  }

}
