package ferry.httpd.files.ops;

import ferry.httpd.HttpServices;
import io.javalin.config.RoutesConfig;

/**
 * The operations part of /api/v2: the VFS Library as virtual folders, quota scans and usage,
 * the Defender, live connections, the status and health of the node, and the user's own profile
 * and password.
 */
public final class OpsRoutes {
  private final HttpServices services;

  public OpsRoutes(HttpServices services) {
    this.services = services;
  }

  public void register(RoutesConfig r) {
    new FolderApi(services.folders()).register(r);
    new QuotaApi(services.quotas()).register(r);
    new DefenderApi(services.defender()).register(r);
    new ConnectionApi(services.connections()).register(r);
    new StatusApi(services.status()).register(r);
    new ProfileApi(services.profiles()).register(r);
  }
}
