package ferry.web.security;

import ferry.core.auth.web.WebSession;
import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/**
 * Second factor (TOTP, recovery codes) for the console and the client: the login step after the
 * password ({@link MfaLoginStep}), each account's own setup page ({@link MfaSetupPages}) and the
 * admin's action that turns another account's factor off ({@link MfaAdminActions}).
 */
public final class SecurityPages {
  private final WebServices services;

  public SecurityPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    for (WebSession.Kind kind : WebSession.Kind.values()) {
      new MfaLoginStep(services, web.auth(), kind).register(web);
      new MfaSetupPages(services, kind).register(web);
    }
    new MfaAdminActions(services).register(web);
  }

  WebServices services() {
    return services;
  }
}
