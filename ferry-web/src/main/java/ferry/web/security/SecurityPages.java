package ferry.web.security;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/** Second factor (TOTP, recovery codes) for the console and the client: login step and setup pages. */
public final class SecurityPages {
  private final WebServices services;

  public SecurityPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    // routes come with their issue-15 part
  }

  WebServices services() {
    return services;
  }
}
