package ferry.web.admin.operations;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.Defender;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.util.Map;

/**
 * {@code /web/admin/defender}: banned and scored sources (view_defender) and Unban
 * (manage_defender), as {@code /api/v2/defender/hosts} and its DELETE.
 */
final class DefenderPages {
  static final String PATH = "/web/admin/defender";
  private final Defender defender;

  DefenderPages(WebServices services) {
    this.defender = services.core().defender();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> {
      WebAuth.caller(ctx).require(AdminPermission.VIEW_DEFENDER);
      Pages.render(ctx, "admin/operations/defender.jte",
          Map.of("page", page, "hosts", defender.hosts(), "now", Instant.now()));
    });
    web.post(PATH + "/unban", Access.ADMIN, (ctx, page) -> {
      WebAuth.caller(ctx).require(AdminPermission.MANAGE_DEFENDER);
      String ip = ctx.formParam("ip");
      if (ip == null || ip.isBlank()) throw new ValidationException("ip is required");
      // only a source the Defender lists, by the text it lists it with
      String known = defender.hosts().stream().map(Defender.Host::ip).filter(ip.trim()::equals).findFirst()
          .orElseThrow(() -> new NotFoundException("host " + ip.trim() + " is neither banned nor scored"));
      defender.forget(known);
      ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    });
  }
}
