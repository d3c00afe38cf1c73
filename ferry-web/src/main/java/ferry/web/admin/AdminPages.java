package ferry.web.admin;

import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import java.util.Map;

/** The admin console's pages (/web/admin). */
public final class AdminPages {
  private final WebServices services;

  public AdminPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    web.get("/web/admin", Access.ADMIN, (ctx, page) -> Pages.render(ctx, "admin/dashboard.jte", Map.of("page", page)));
  }

  WebServices services() {
    return services;
  }
}
