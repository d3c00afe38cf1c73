package ferry.web.shares;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/** Uploads (tus) and shares: the client's shares pages and the public share pages (/web/shares). */
public final class SharePages {
  private final WebServices services;

  public SharePages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    // routes come with their issue-15 part
  }

  WebServices services() {
    return services;
  }
}
