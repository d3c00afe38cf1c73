package ferry.web.admin.operations;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/**
 * Console pages of operations: the dashboard ({@code /web/admin}), live connections and transfers
 * (Server-Sent Events), the transfer history with CSV export, the Defender and API keys. Each page
 * checks the admin permission its /api/v2 route checks.
 */
public final class OperationPages {
  private final WebServices services;

  public OperationPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    new DashboardPage(services).register(web);
    new ConnectionPages(services).register(web);
    new TransferHistoryPages(services).register(web);
    new DefenderPages(services).register(web);
    new ApiKeyPages(services).register(web);
  }
}
