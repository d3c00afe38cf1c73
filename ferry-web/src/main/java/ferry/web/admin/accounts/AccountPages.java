package ferry.web.admin.accounts;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/** Console pages of accounts: users, groups, admins, the VFS Library (/web/admin/users, groups, admins, folders). */
public final class AccountPages {
  private final WebServices services;

  public AccountPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    new UserPages(services).register(web);
    new GroupPages(services).register(web);
    new AdminAccountPages(services).register(web);
    new FolderPages(services).register(web);
  }

  WebServices services() {
    return services;
  }
}
