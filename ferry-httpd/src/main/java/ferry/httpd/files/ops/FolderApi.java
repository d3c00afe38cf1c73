package ferry.httpd.files.ops;

import ferry.httpd.files.Answers;
import ferry.httpd.files.Listing;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderService;
import ferry.httpd.common.AccountJson;
import ferry.httpd.common.Body;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The VFS Library as the reference API's virtual folders, /api/v2/folders: the same service and
 * the same BaseVirtualFolder JSON as /v1/adm/folders. Secrets come back sealed, never in clear
 * ({@code confidential_data} is not honoured).
 */
final class FolderApi {

  private final FolderService folders;

  FolderApi(FolderService folders) {
    this.folders = folders;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/folders", this::list);
    r.post("/api/v2/folders", ctx -> {
      Actor a = actor(ctx);
      Folder f = folders.create(a, AccountJson.folderInput(Body.object(ctx)));
      Answers.created(ctx, "/api/v2/folders", f.name(), view(a, f));
    });
    r.get("/api/v2/folders/{name}", ctx -> {
      Actor a = actor(ctx);
      ctx.json(view(a, folders.get(a, ctx.pathParam("name"))));
    });
    r.put("/api/v2/folders/{name}", ctx -> {
      folders.update(actor(ctx), ctx.pathParam("name"), AccountJson.folderInput(Body.object(ctx)));
      Answers.message(ctx, HttpStatus.OK, "Folder updated");
    });
    r.delete("/api/v2/folders/{name}", ctx -> {
      folders.delete(actor(ctx), ctx.pathParam("name"));
      Answers.message(ctx, HttpStatus.OK, "Folder deleted");
    });
  }

  private void list(Context ctx) {
    Actor a = actor(ctx);
    Listing l = Listing.of(ctx);
    List<Folder> all = new ArrayList<>(folders.list(a));
    if (l.descending()) Collections.reverse(all);
    ctx.json(all.stream().skip(l.offset()).limit(l.limit()).map(f -> view(a, f)).toList());
  }


  private Map<String, Object> view(Actor a, Folder f) {
    return AccountJson.folder(f, folders.stats(a, f.name()));
  }

  private static Actor actor(Context ctx) {
    return Caller.admin(ctx, AdminPermission.MANAGE_FOLDERS).actor();
  }
}
