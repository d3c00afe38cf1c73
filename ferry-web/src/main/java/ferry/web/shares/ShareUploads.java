package ferry.web.shares;

import ferry.core.share.ShareService;
import ferry.core.share.ShareVisit;
import ferry.httpd.files.FsErrors;
import ferry.web.shares.tus.TusMetadata;
import ferry.web.shares.tus.TusSide;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Uploads into a write share at /web/shares/{id}/tus: the core's {@code ShareService} admits the
 * creation as one counted upload visit (scope, expiry, uses, networks, password from the unlock
 * cookie), and the last chunk publishes in a {@code FINISH_UPLOAD} visit that uses no second token.
 * Paths stay inside the share's directory ({@code ShareVisit.resolve}).
 */
final class ShareUploads implements TusSide {
  private final ShareService shares;
  private final ShareUnlock unlock;

  ShareUploads(ShareService shares, ShareUnlock unlock) {
    this.shares = shares;
    this.unlock = unlock;
  }

  private static String id(Context ctx) {
    return ctx.pathParam("shareId");
  }

  @Override
  public String owner(Context ctx) {
    return "share:" + id(ctx);
  }

  @Override
  public String base(Context ctx) {
    return ShareUnlock.path(id(ctx)) + "/tus";
  }

  @Override
  public void touch(Context ctx) {
    unlock.password(ctx, id(ctx)).ifPresent(pw -> unlock.set(ctx, id(ctx), pw));
  }

  private ShareVisit visit(Context ctx, ShareService.Access access) {
    return shares.visit(id(ctx), access, ctx.ip(), unlock.password(ctx, id(ctx)).orElse(null));
  }

  @Override
  public String check(Context ctx, TusMetadata meta, long length) throws IOException {
    try (ShareVisit v = visit(ctx, ShareService.Access.UPLOAD)) {
      String path = v.resolve(FileCore.join(meta.target(), meta.inside()));
      FsErrors.call(() -> {
        v.session().checkUpload(path, length);
        return null;
      });
      return path;
    }
  }

  @Override
  public void publish(Context ctx, String target, InputStream bytes) throws IOException {
    try (ShareVisit v = visit(ctx, ShareService.Access.FINISH_UPLOAD)) {
      FileCore.publish(v.session(), target, bytes);
    }
  }
}
