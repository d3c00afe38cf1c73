package ferry.web.admin.operations;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/** Console pages of operations: dashboard data, connections and transfers (live), history, Defender, API keys. */
public final class OperationPages {
  private final WebServices services;

  public OperationPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    // routes come with their issue-15 part
  }

  WebServices services() {
    return services;
  }
}
