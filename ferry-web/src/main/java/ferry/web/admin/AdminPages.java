package ferry.web.admin;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/**
 * The admin console's pages (/web/admin). The dashboard at {@code /web/admin} is registered by
 * {@link ferry.web.admin.operations.OperationPages}; each part registers its own pages.
 */
public final class AdminPages {
  private final WebServices services;

  public AdminPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    // the dashboard moved to ferry.web.admin.operations.DashboardPage
  }

  WebServices services() {
    return services;
  }
}
