package ferry.web;

import ferry.httpd.HttpFace;
import ferry.web.admin.AdminPages;
import ferry.web.client.ClientPages;
import ferry.web.frame.SecurityHeaders;
import ferry.web.frame.StaticAssets;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import ferry.web.login.LoginRoutes;
import io.javalin.config.RoutesConfig;

/**
 * The web UI under {@code /web}: the admin console ({@code /web/admin}), the user web client
 * ({@code /web/client}) and the public share pages ({@code /web/shares}), server-rendered from
 * precompiled JTE templates, with htmx for partial updates and no inline script.
 */
public final class WebFace implements HttpFace {
  private final WebServices services;

  public WebFace(WebServices services) {
    this.services = services;
  }

  @Override
  public void register(RoutesConfig routes) {
    WebAuth auth = new WebAuth(services);
    WebRoutes web = new WebRoutes(routes, auth);
    SecurityHeaders.register(routes);
    StaticAssets.register(routes);
    new LoginRoutes(services, auth).register(web);
    new AdminPages(services).register(web);
    new ferry.web.admin.ProfilePage(services, auth).register(web);
    new ClientPages(services).register(web);
    new ferry.web.admin.accounts.AccountPages(services).register(web);
    new ferry.web.admin.operations.OperationPages(services).register(web);
    new ferry.web.admin.automation.AutomationPages(services).register(web);
    new ferry.web.client.files.FilePages(services).register(web);
    new ferry.web.shares.SharePages(services).register(web);
    new ferry.web.security.SecurityPages(services).register(web);
  }
}
