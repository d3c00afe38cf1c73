package ferry.web.client;

import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.WebRoutes;
import io.javalin.http.HttpStatus;

/** The user web client's pages (/web/client). */
public final class ClientPages {
  private final WebServices services;

  public ClientPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    web.get("/web/client", Access.USER, (ctx, page) -> ctx.redirect("/web/client/files", HttpStatus.SEE_OTHER));
    // /web/client/files and /web/client/profile: ferry.web.client.files.FilePages
  }

  WebServices services() {
    return services;
  }
}
