package ferry.web.admin.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.error.ValidationException;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderService;
import ferry.httpd.common.AccountJson;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * /web/admin/folders: the VFS Library, list and edit with manage_folders as on /api/v2/folders, and
 * "Test connection", which opens the folder's storage and lists its root; for SFTP the host key the
 * server showed (SHA256:...) is offered to pin.
 */
final class FolderPages {
  static final String PATH = "/web/admin/folders";
  /** The SFTP connector names the host key it refused or saw as OpenSSH prints it. */
  private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]+=*");
  private final WebServices services;

  FolderPages(WebServices services) {
    this.services = services;
  }

  private FolderService folders() {
    return services.core().folders();
  }

  private static Actor caller(Context ctx) {
    var c = WebAuth.caller(ctx);
    c.require(AdminPermission.MANAGE_FOLDERS);
    return c.actor();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> {
      Map<String, Object> m = new HashMap<>();
      m.put("page", page);
      m.put("folders", folders().list(caller(ctx)));
      m.put("notice", "1".equals(ctx.queryParam("saved")) ? page.t("accounts.notice.updated") : null);
      Pages.render(ctx, "admin/accounts/folders.jte", m);
    });
    web.get(PATH + "/new", Access.ADMIN, (ctx, page) -> {
      caller(ctx);
      form(ctx, page, null, FormValues.empty().set("fs_provider", "local"), 200);
    });
    web.post(PATH + "/new", Access.ADMIN, (ctx, page) -> save(ctx, page, null));
    web.get(PATH + "/{name}", Access.ADMIN, (ctx, page) -> {
      Folder f = folders().get(caller(ctx), ctx.pathParam("name"));
      form(ctx, page, f.name(), of(f), 200);
    });
    web.post(PATH + "/{name}", Access.ADMIN, (ctx, page) -> save(ctx, page, ctx.pathParam("name")));
    web.post(PATH + "/{name}/delete", Access.ADMIN, (ctx, page) -> {
      folders().delete(caller(ctx), ctx.pathParam("name"));
      ctx.redirect(PATH + "?saved=1", HttpStatus.SEE_OTHER);
    });
    web.post(PATH + "/{name}/pin", Access.ADMIN, (ctx, page) -> pin(ctx));
    web.post(PATH + "/{name}/test", Access.ADMIN, (ctx, page) -> {
      FolderService.TestResult r = folders().test(caller(ctx), ctx.pathParam("name"));
      Matcher m = FINGERPRINT.matcher(r.message());
      Map<String, Object> p = new HashMap<>();
      p.put("page", page);
      p.put("ok", r.ok());
      p.put("message", page.messages().core(r.message()));
      p.put("fingerprint", m.find() ? m.group() : null);
      p.put("folder", ctx.pathParam("name"));
      Pages.render(ctx, Pages.isHtmx(ctx) ? "admin/accounts/folder-test.jte" : "admin/accounts/folder-test-page.jte", p);
    });
  }

  /** Adds a host key fingerprint the test showed to the folder's pinned ones (its secrets kept). */
  private void pin(Context ctx) {
    Actor a = caller(ctx);
    String name = ctx.pathParam("name");
    String fp = ctx.formParam("fingerprint");
    if (fp == null || !FINGERPRINT.matcher(fp).matches())
      throw new ValidationException("fingerprint must look like SHA256:...", Map.of("field", "sftp_fingerprints"));
    FormValues f = of(folders().get(a, name));
    f.set("sftp_fingerprints", (f.v("sftp_fingerprints") + "\n" + fp).strip());
    folders().update(a, name, input(f));
    ctx.redirect(PATH + "/" + name + "?pinned=1", HttpStatus.SEE_OTHER);
  }

  static FolderService.FolderInput input(FormValues f) {
    ObjectNode o = AccountFields.object();
    o.put("name", f.v("name"));
    o.put("description", f.v("description"));
    o.put("mapped_path", f.v("mapped_path"));
    o.set("filesystem", AccountFields.filesystem(f));
    return AccountJson.folderInput(o);
  }

  static FormValues of(Folder f) {
    FormValues v = FormValues.empty().set("name", f.name()).set("description", f.description())
        .set("mapped_path", f.mappedPath());
    AccountFields.putFilesystem(v, f.filesystem());
    return v;
  }

  private void save(Context ctx, Page page, String name) {
    Actor a = caller(ctx);
    FormValues f = FormValues.of(ctx);
    if (name != null) f.set("name", name);
    try {
      if (name == null) folders().create(a, input(f));
      else folders().update(a, name, input(f));
      ctx.redirect(PATH + "?saved=1", HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      form(ctx, page, name, FieldErrors.show(f, e, page), 422);
    }
  }

  private void form(Context ctx, Page page, String name, FormValues f, int status) {
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("form", f);
    m.put("name", name);
    ctx.status(status);
    Pages.render(ctx, "admin/accounts/folder-edit.jte", m);
  }
}
