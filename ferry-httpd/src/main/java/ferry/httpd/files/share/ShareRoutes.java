package ferry.httpd.files.share;

import ferry.core.share.ShareService;
import io.javalin.config.RoutesConfig;

/** Shares on /api/v2: the owner's /user/shares and the public /shares/{id}. */
public final class ShareRoutes {
  private final UserShareRoutes owned;
  private final PublicShareRoutes visited;

  public ShareRoutes(ShareService shares) {
    this.owned = new UserShareRoutes(shares);
    this.visited = new PublicShareRoutes(shares);
  }

  public void register(RoutesConfig r) {
    owned.register(r);
    visited.register(r);
  }
}
