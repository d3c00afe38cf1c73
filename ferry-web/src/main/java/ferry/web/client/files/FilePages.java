package ferry.web.client.files;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/** Web client pages of files: browser, preview, profile, quota (/web/client/files, /web/client/profile). */
public final class FilePages {
  private final WebServices services;

  public FilePages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    // routes come with their issue-15 part
  }

  WebServices services() {
    return services;
  }
}
