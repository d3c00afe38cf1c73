package ferry.httpd.files.share;

import ferry.core.error.ValidationException;
import ferry.core.share.Share;
import ferry.core.share.ShareService;
import ferry.httpd.common.Query;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Locale;
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
    int offset = Query.intParam(ctx, "offset", 0);
    int limit = Query.intParam(ctx, "limit", ShareService.DEFAULT_LIMIT);
    String order = Query.string(ctx, "order");
    boolean ascending = order == null || order.toUpperCase(Locale.ROOT).equals("ASC");
    if (order != null && !ascending && !order.equalsIgnoreCase("DESC"))
      throw new ValidationException("order: must be ASC or DESC, got '" + order + "'");
    ctx.json(shares.list(c.username(), offset, limit, ascending).stream().map(ShareJson::of).toList());
  }

  private void create(Context ctx) {
    Caller c = Caller.user(ctx);
    Share s = shares.create(c.actor(), c.username(), ShareJson.input(ctx));
    ctx.header("Location", BASE + "/" + s.id());
    ctx.header("X-Object-ID", s.id());
    ctx.status(HttpStatus.CREATED).json(Map.of("message", "Share created"));
  }
}
