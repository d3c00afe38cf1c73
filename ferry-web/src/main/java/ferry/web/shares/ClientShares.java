package ferry.web.shares;

import ferry.core.share.Share;
import ferry.core.share.ShareService;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The web client's shares, /web/client/shares: list, create, edit, delete, through the core
 * {@link ShareService} as /api/v2/user/shares does (a user only ever reaches their own). Also the
 * upload panel's own page, /web/client/uploads, for a folder given in {@code ?path=}.
 */
final class ClientShares {
  static final String BASE = "/web/client/shares";

  private final ShareService shares;

  ClientShares(ShareService shares) {
    this.shares = shares;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.USER, this::list);
    web.get(BASE + "/new", Access.USER, (ctx, page) -> form(ctx, page, null, ShareForm.empty(ctx.queryParam("path")),
        null, 200));
    web.post(BASE, Access.USER, (ctx, page) -> save(ctx, page, null));
    web.get(BASE + "/{id}", Access.USER, (ctx, page) -> {
      Share s = shares.get(WebAuth.caller(ctx).username(), ctx.pathParam("id"));
      form(ctx, page, s, ShareForm.of(s), null, 200);
    });
    web.post(BASE + "/{id}", Access.USER, (ctx, page) ->
        save(ctx, page, shares.get(WebAuth.caller(ctx).username(), ctx.pathParam("id"))));
    web.post(BASE + "/{id}/delete", Access.USER, (ctx, page) -> {
      WebCaller c = WebAuth.caller(ctx);
      shares.delete(c.actor(), c.username(), ctx.pathParam("id"));
      ctx.redirect(BASE, HttpStatus.SEE_OTHER);
    });
    // the upload panel for an empty <section id="uploads" data-upload-target> (the files page): uploads.js loads it
    web.get("/web/client/uploads/panel", Access.USER, (ctx, page) ->
        Pages.render(ctx, "shares/uploads.jte", Map.of("page", page, "endpoint", UserUploads.BASE)));
    web.get("/web/client/uploads", Access.USER, (ctx, page) -> {
      String path = ctx.queryParam("path");
      Pages.render(ctx, "client/shares/uploads.jte", Map.of("page", page, "target",
          path == null || path.isBlank() ? "/" : path));
    });
  }

  private void list(Context ctx, Page page) {
    List<Share> mine = shares.list(WebAuth.caller(ctx).username(), 0, ShareService.MAX_LIMIT, true);
    Pages.render(ctx, "client/shares/list.jte", Map.of("page", page, "shares", mine, "links", new ShareLinks(ctx)));
  }

  private void save(Context ctx, Page page, Share old) {
    WebCaller c = WebAuth.caller(ctx);
    ShareForm f = ShareForm.read(ctx, old != null && old.hasPassword());
    try {
      if (old == null) shares.create(c.actor(), c.username(), f.input(false));
      else shares.update(c.actor(), c.username(), old.id(), f.input(true));
    } catch (ferry.core.error.ValidationException e) {
      form(ctx, page, old, f, page.messages().core(e.getMessage()), 422);
      return;
    }
    ctx.redirect(BASE, HttpStatus.SEE_OTHER);
  }

  private static void form(Context ctx, Page page, Share share, ShareForm f, String error, int status) {
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("share", share);
    p.put("form", f);
    p.put("error", error);
    ctx.status(status);
    Pages.render(ctx, "client/shares/form.jte", p);
  }
}
