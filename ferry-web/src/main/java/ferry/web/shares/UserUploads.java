package ferry.web.shares;

import ferry.core.session.FileSession;
import ferry.httpd.HttpServices;
import ferry.httpd.files.FsErrors;
import ferry.web.frame.WebAuth;
import ferry.web.shares.tus.TusMetadata;
import ferry.web.shares.tus.TusSide;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** The logged-in user's uploads at /web/client/tus, into their own tree (metadata {@code target}). */
final class UserUploads implements TusSide {
  static final String BASE = "/web/client/tus";

  private final HttpServices core;

  UserUploads(HttpServices core) {
    this.core = core;
  }

  @Override
  public String owner(Context ctx) {
    return "user:" + WebAuth.caller(ctx).username();
  }

  @Override
  public String base(Context ctx) {
    return BASE;
  }

  @Override
  public String check(Context ctx, TusMetadata meta, long length) throws IOException {
    try (FileSession s = FileCore.userSession(core, WebAuth.caller(ctx).username(), ctx.ip())) {
      String path = s.normalize(FileCore.join(meta.target(), meta.inside()));
      FsErrors.call(() -> {
        s.checkUpload(path, length);
        return null;
      });
      return path;
    }
  }

  @Override
  public void publish(Context ctx, String target, InputStream bytes) throws IOException {
    try (FileSession s = FileCore.userSession(core, WebAuth.caller(ctx).username(), ctx.ip())) {
      FileCore.publish(s, target, bytes);
    }
  }
}
