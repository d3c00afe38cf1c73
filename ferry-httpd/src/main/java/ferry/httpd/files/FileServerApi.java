package ferry.httpd.files;

import ferry.httpd.HttpServices;
import io.javalin.config.RoutesConfig;

/**
 * The file server's REST face, /api/v2, wire-compatible with the reference description
 * (../shared/reference/sftpgo-openapi.yaml): paths, fields, statuses and the {@code
 * {"error","message"}} error body. Each part registers its own routes here.
 */
public final class FileServerApi {
  private final HttpServices services;

  public FileServerApi(HttpServices services) {
    this.services = services;
  }

  public void register(RoutesConfig r) {
    // authentication first (FileServerAuth), then one line per part:
    new FileServerAuth(services).register(r);
    new ferry.httpd.files.auth.TokenRoutes(services).register(r);
    new ferry.httpd.files.auth.ApiKeyRoutes(services).register(r);
    new ferry.httpd.files.admin.AdminApi(services).register(r);
    new ferry.httpd.files.user.UserFileRoutes(services).register(r);
    new ferry.httpd.files.ops.OpsRoutes(services).register(r);
    new ferry.httpd.files.share.ShareRoutes(services.shares()).register(r);
    new ferry.httpd.files.docs.DocsRoutes().register(r);
  }
}
