package ferry.httpd.automation;

import static ferry.httpd.common.Authenticator.actor;

import ferry.core.folder.Folder;
import ferry.core.folder.FolderService;
import ferry.httpd.common.AccountJson;
import ferry.httpd.common.Body;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * The VFS Library for admins and the CLI, at /v1/adm/folders. Bodies and answers are the
 * reference API's BaseVirtualFolder, so the later /api/v2/folders face reuses the same JSON.
 */
final class FolderRoutes {
  private final FolderService folders;

  FolderRoutes(FolderService folders) {
    this.folders = folders;
  }

  void register(RoutesConfig r) {
    r.post("/v1/adm/folders", ctx -> ctx.status(HttpStatus.CREATED).json(view(ctx, folders.create(actor(ctx), input(ctx)))));
    r.get("/v1/adm/folders", ctx -> ctx.json(folders.list(actor(ctx)).stream().map(f -> view(ctx, f)).toList()));
    r.get("/v1/adm/folders/{name}", ctx -> ctx.json(view(ctx, folders.get(actor(ctx), ctx.pathParam("name")))));
    r.put("/v1/adm/folders/{name}", ctx -> ctx.json(view(ctx, folders.update(actor(ctx), ctx.pathParam("name"), input(ctx)))));
    r.delete("/v1/adm/folders/{name}", ctx -> {
      folders.delete(actor(ctx), ctx.pathParam("name"));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    r.post("/v1/adm/folders/{name}/test", ctx -> {
      FolderService.TestResult t = folders.test(actor(ctx), ctx.pathParam("name"));
      ctx.json(Map.of("ok", t.ok(), "message", t.message()));
    });
  }

  private static FolderService.FolderInput input(Context ctx) {
    return AccountJson.folderInput(Body.object(ctx));
  }

  private Map<String, Object> view(Context ctx, Folder f) {
    return AccountJson.folder(f, folders.stats(actor(ctx), f.name()));
  }
}
