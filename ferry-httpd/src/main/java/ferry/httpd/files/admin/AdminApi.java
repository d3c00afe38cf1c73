package ferry.httpd.files.admin;

import ferry.httpd.HttpServices;
import io.javalin.config.RoutesConfig;

/** The admin part of /api/v2: users, groups, admins and the admin's own profile. */
public final class AdminApi {
  private final HttpServices services;

  public AdminApi(HttpServices services) {
    this.services = services;
  }

  public void register(RoutesConfig r) {
    new UsersRoutes(services.users(), services.connections(), services.folders()).register(r);
    new GroupsRoutes(services.groups(), services.folders()).register(r);
    new AdminsRoutes(services.admins()).register(r);
  }
}
