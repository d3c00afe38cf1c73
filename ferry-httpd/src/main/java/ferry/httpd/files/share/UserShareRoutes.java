package ferry.httpd.files.share;

import ferry.core.share.Share;
import ferry.core.share.ShareService;
import ferry.httpd.files.Answers;
import ferry.httpd.files.Caller;
import ferry.httpd.files.Listing;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** A user's own shares, at /api/v2/user/shares: a user never reaches another user's share. */
final class UserShareRoutes {
  static final String BASE = "/api/v2/user/shares";

  private final ShareService shares;

  UserShareRoutes(ShareService shares) {
    this.shares = shares;
  }

  void register(RoutesConfig r) {
    r.get(BASE, this::list);
    r.post(BASE, this::create);
    r.get(BASE + "/{id}", ctx -> {
      Caller c = Caller.user(ctx);
      ctx.json(ShareJson.of(shares.get(c.username(), ctx.pathParam("id"))));
    });
    r.put(BASE + "/{id}", ctx -> {
      Caller c = Caller.user(ctx);
      shares.update(c.actor(), c.username(), ctx.pathParam("id"), ShareJson.input(ctx));
      ctx.json(Map.of("message", "Share updated"));
    });
    r.delete(BASE + "/{id}", ctx -> {
      Caller c = Caller.user(ctx);
      shares.delete(c.actor(), c.username(), ctx.pathParam("id"));
      ctx.json(Map.of("message", "Share deleted"));
    });
  }

  private void list(Context ctx) {
    Caller c = Caller.user(ctx);
    Listing l = Listing.of(ctx);
    ctx.json(shares.list(c.username(), l.offset(), l.limit(), !l.descending()).stream().map(ShareJson::of).toList());
  }

  private void create(Context ctx) {
    Caller c = Caller.user(ctx);
    Share s = shares.create(c.actor(), c.username(), ShareJson.input(ctx));
    Answers.created(ctx, BASE, s.id(), Map.of("message", "Share created"));
  }
}
