package ferry.web.shares;

import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.session.ZipStreamer;
import ferry.core.share.Share;
import ferry.core.share.ShareService;
import ferry.core.share.ShareVisit;
import ferry.httpd.common.BasicCredentials;
import ferry.httpd.files.Disposition;
import ferry.httpd.files.FileSender;
import ferry.httpd.files.FsErrors;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The public pages of a share, /web/shares/{id}: the password gate, browsing, one file, a zip of
 * the share or of a selection, and the upload panel of a write share. The core's {@link
 * ShareService} admits every visit (scope, expiry, uses, networks, password; a wrong password scores
 * at the Defender); the password comes from the unlock cookie ({@link ShareUnlock}) or, for the
 * direct file link, from HTTP Basic ({@code curl -u :password}).
 */
final class PublicShares {
  private static final int LIST_BATCH = 256;
  private static final int MAX_ENTRIES = 5000;

  private final ShareService shares;
  private final ShareUnlock unlock;

  PublicShares(ShareService shares, ShareUnlock unlock) {
    this.shares = shares;
    this.unlock = unlock;
  }

  void register(WebRoutes web) {
    String base = "/web/shares/{shareId}";
    web.get(base, Access.PUBLIC, this::page);
    web.post(base + "/unlock", Access.PUBLIC, this::unlock);
    web.post(base + "/lock", Access.PUBLIC, (ctx, page) -> {
      unlock.clear(ctx, id(ctx));
      ctx.redirect(ShareUnlock.path(id(ctx)), HttpStatus.SEE_OTHER);
    });
    web.get(base + "/download", Access.PUBLIC, this::download);
    web.get(base + "/zip", Access.PUBLIC, this::zip);
    web.get(base + "/file/{name}", Access.PUBLIC, this::direct);
  }

  private static String id(Context ctx) {
    return ctx.pathParam("shareId");
  }

  private ShareVisit visit(Context ctx, ShareService.Access access) {
    return shares.visit(id(ctx), access, ctx.ip(), password(ctx));
  }

  /** The unlock cookie's password, else an HTTP Basic password (the user name is not checked). */
  private String password(Context ctx) {
    return unlock.password(ctx, id(ctx)).orElseGet(() -> BasicCredentials.passwordOrNull(ctx.header("Authorization")));
  }

  private void page(Context ctx, Page page) throws IOException {
    Share share;
    try (ShareVisit look = visit(ctx, ShareService.Access.LOOK)) {
      share = look.share();
    } catch (AuthenticationException locked) {
      gate(ctx, page, null, 401);
      return;
    }
    String rel = clean(ctx.queryParam("path"));
    List<FileAttrs> entries = List.of();
    FileAttrs single = null;
    boolean browsable = share.scope().reads() && share.paths().size() == 1;
    if (browsable) {
      try (ShareVisit v = visit(ctx, ShareService.Access.BROWSE)) {
        String root = v.resolve("");
        FileAttrs top = FsErrors.call(() -> v.session().stat(root));
        if (top.isDir()) entries = list(v, v.resolve(rel));
        else single = top; // a share of one file: its direct link
      }
    }
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("share", share);
    p.put("rel", rel);
    p.put("entries", entries);
    p.put("browsable", browsable && single == null);
    p.put("single", single);
    p.put("locked", share.hasPassword());
    Pages.render(ctx, "shares/share.jte", p);
  }

  private static List<FileAttrs> list(ShareVisit v, String dir) throws IOException {
    List<FileAttrs> out = new ArrayList<>();
    try (DirLister l = FsErrors.call(() -> v.session().list(dir))) {
      List<FileAttrs> batch;
      while (out.size() < MAX_ENTRIES && !(batch = l.next(LIST_BATCH)).isEmpty()) out.addAll(batch);
    }
    out.sort(Comparator.comparing((FileAttrs a) -> !a.isDir()).thenComparing(FileAttrs::name));
    return out;
  }

  /** A path inside the share as the page shows it: "/" or "/a/b". */
  static String clean(String rel) {
    if (rel == null || rel.isBlank()) return "/";
    String r = rel.replace('\\', '/');
    return r.startsWith("/") ? r : "/" + r;
  }

  private void gate(Context ctx, Page page, String error, int status) {
    Map<String, Object> p = new HashMap<>();
    p.put("page", page);
    p.put("shareId", id(ctx));
    p.put("error", error);
    ctx.status(status);
    Pages.render(ctx, "shares/gate.jte", p);
  }

  private void unlock(Context ctx, Page page) {
    String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    try (ShareVisit v = shares.visit(id(ctx), ShareService.Access.LOOK, ctx.ip(), password)) {
      unlock.set(ctx, v.share().id(), password);
    } catch (AuthenticationException wrong) {
      gate(ctx, page, page.t("shares.gate.wrong"), 401);
      return;
    }
    ctx.redirect(ShareUnlock.path(id(ctx)), HttpStatus.SEE_OTHER);
  }

  private void download(Context ctx, Page page) throws IOException {
    String rel = ctx.queryParam("path");
    if (rel == null || rel.isBlank()) throw new ValidationException("path: name the file to download");
    try (ShareVisit v = visit(ctx, ShareService.Access.DOWNLOAD)) {
      String path = v.resolve(rel);
      FileAttrs a = FsErrors.call(() -> v.session().stat(path));
      if (a.isDir()) throw new ValidationException(rel + " is a directory; download it as a zip");
      FileSender.send(ctx, v.session(), path, a, "attachment");
    }
  }

  /** The whole share as a zip, or the entries ticked on the page ({@code ?path=} repeated). */
  private void zip(Context ctx, Page page) throws IOException {
    List<String> picked = ctx.queryParams("path");
    try (ShareVisit v = visit(ctx, ShareService.Access.DOWNLOAD)) {
      List<String> paths = picked.isEmpty() ? v.share().paths() : picked.stream().map(v::resolve).toList();
      try (ZipStreamer zip = FsErrors.call(() -> ZipStreamer.prepare(v.session(), paths))) {
        HttpServletResponse res = ctx.res();
        res.setContentType("application/zip");
        res.setHeader("Content-Disposition", Disposition.attachment("share-" + v.share().name() + ".zip"));
        OutputStream out = res.getOutputStream();
        zip.writeTo(out);
        out.flush();
      }
    }
  }

  /** The direct link of a share of one file: {@code curl -O} (with a password: {@code -u :password}). */
  private void direct(Context ctx, Page page) throws IOException {
    ShareVisit visit;
    try {
      visit = visit(ctx, ShareService.Access.DOWNLOAD);
    } catch (AuthenticationException e) {
      ctx.header("WWW-Authenticate", "Basic realm=\"share\", charset=\"UTF-8\"");
      throw e;
    }
    try (ShareVisit v = visit) {
      List<String> paths = v.share().paths();
      String only = paths.size() == 1 ? paths.getFirst() : "";
      if (!only.substring(only.lastIndexOf('/') + 1).equals(ctx.pathParam("name")))
        throw new NotFoundException("no file " + ctx.pathParam("name") + " in this share");
      FileAttrs a = FsErrors.call(() -> v.session().stat(only));
      if (a.isDir()) throw new ValidationException(ctx.pathParam("name") + " is a directory; download it as a zip");
      FileSender.send(ctx, v.session(), only, a, "attachment");
    }
  }
}
