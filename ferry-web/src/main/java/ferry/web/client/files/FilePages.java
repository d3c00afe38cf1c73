package ferry.web.client.files;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.httpd.files.FsErrors;
import ferry.httpd.files.user.UserPaths;
import ferry.httpd.files.user.UserSessions;
import ferry.vfs.FileAttrs;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Web client pages of files: browser, item actions, preview, profile, quota (/web/client/files,
 * /web/client/profile). Every file operation runs in the user's own core {@link FileSession}, opened
 * as the /api/v2 user file API opens it (protocol HTTP), so permissions, patterns, quotas and
 * transfer records apply once; a path is always resolved by that session, never joined here.
 */
public final class FilePages {
  /** The flash texts a redirect may name ({@code done=...}): never free text from the URL. */
  static final Set<String> DONE = Set.of("mkdir", "renamed", "copied", "moved", "deleted", "password", "key_added",
      "key_removed");

  private final WebServices services;
  private final UserSessions sessions;

  public FilePages(WebServices services) {
    this.services = services;
    this.sessions = new UserSessions(services.core().users(), services.core().fileSessions());
  }

  public void register(WebRoutes web) {
    FileActions actions = new FileActions(this);
    FileViews views = new FileViews(this);
    ProfilePages profile = new ProfilePages(services, web.auth());
    web.get(BrowseQuery.BASE, Access.USER, this::browse);
    web.get(BrowseQuery.BASE + "/item", Access.USER, this::item);
    web.get(BrowseQuery.BASE + "/preview", Access.USER, views::preview);
    web.get(BrowseQuery.BASE + "/raw", Access.USER, views::raw);
    web.get(BrowseQuery.BASE + "/download", Access.USER, views::download);
    web.post(BrowseQuery.BASE + "/zip", Access.USER, views::zip);
    web.post(BrowseQuery.BASE + "/mkdir", Access.USER, actions::mkdir);
    web.post(BrowseQuery.BASE + "/rename", Access.USER, actions::rename);
    web.post(BrowseQuery.BASE + "/copy", Access.USER, actions::copy);
    web.post(BrowseQuery.BASE + "/move", Access.USER, actions::move);
    web.post(BrowseQuery.BASE + "/delete", Access.USER, actions::delete);
    profile.register(web);
  }

  /** The calling user's file session for this request; the caller closes it. */
  FileSession open(Context ctx) {
    return sessions.open(WebAuth.caller(ctx).username(), ctx.ip());
  }

  private void browse(Context ctx, Page page) throws Exception {
    BrowseQuery q = BrowseQuery.of(ctx);
    ListingView v;
    try (FileSession s = open(ctx)) {
      v = Browser.read(s, q);
    }
    ctx.header("Vary", "HX-Request");
    // htmx swaps only the listing; a history restore (no cache) wants the whole page
    if (Pages.isHtmx(ctx) && !"true".equals(ctx.header("HX-History-Restore-Request"))) {
      Pages.render(ctx, "client/files/listing.jte", Map.of("page", page, "v", v));
      return;
    }
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("v", v);
    m.put("quota", new QuotaView(services.core().users().ownQuota(WebAuth.caller(ctx).username())));
    m.put("done", done(ctx));
    Pages.render(ctx, "client/files/browser.jte", m);
  }

  /** One file or folder: rename, copy, move, delete, download. */
  private void item(Context ctx, Page page) throws Exception {
    String path = required(ctx.queryParam("path"), "path");
    Entry e;
    try (FileSession s = open(ctx)) {
      String p = s.normalize(path);
      if (p.equals("/")) throw new ValidationException("the home folder itself cannot be renamed, moved or deleted");
      FileAttrs a = FsErrors.call(() -> s.stat(p));
      e = new Entry(ferry.vfs.VPath.of(p).parentOrRoot().toString(), a);
    }
    Pages.render(ctx, "client/files/item.jte", Map.of("page", page, "e", e));
  }

  /** A flash key of {@link #DONE}, or null. */
  static String done(Context ctx) {
    String d = ctx.queryParam("done");
    return d != null && DONE.contains(d) ? "files.done." + d : null;
  }

  /** Back to the folder {@code dir} with a flash text. */
  static void back(Context ctx, String dir, String done) {
    ctx.redirect(BrowseQuery.folder(dir) + "&done=" + done,
        HttpStatus.SEE_OTHER);
  }

  /** A path parameter, checked as the API checks one. */
  static String required(String value, String name) {
    if (value == null || value.isEmpty()) throw new ValidationException("the parameter " + name + " is required");
    return UserPaths.check(name, value);
  }

  /** The selected paths of a form ({@code item}, one per checkbox). */
  static List<String> items(Context ctx) {
    List<String> items = ctx.formParams("item");
    if (items.isEmpty()) throw new ValidationException("select at least one file or folder");
    if (items.size() > 10_000) throw new ValidationException("at most 10000 items at once");
    return items.stream().map(i -> required(i, "item")).toList();
  }
}
