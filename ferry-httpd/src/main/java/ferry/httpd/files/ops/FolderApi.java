package ferry.httpd.files.ops;

import ferry.core.account.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.error.ValidationException;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderService;
import ferry.httpd.common.AccountJson;
import ferry.httpd.common.Body;
import ferry.httpd.common.Query;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The VFS Library as the reference API's virtual folders, /api/v2/folders: the same service and
 * the same BaseVirtualFolder JSON as /v1/adm/folders. Secrets come back sealed, never in clear
 * ({@code confidential_data} is not honoured).
 */
final class FolderApi {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 500;

  private final FolderService folders;

  FolderApi(FolderService folders) {
    this.folders = folders;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/folders", this::list);
    r.post("/api/v2/folders", ctx -> {
      Actor a = actor(ctx);
      Folder f = folders.create(a, AccountJson.folderInput(Body.object(ctx)));
      ctx.header("Location", "/api/v2/folders/" + URLEncoder.encode(f.name(), StandardCharsets.UTF_8).replace("+", "%20"));
      ctx.header("X-Object-ID", f.name());
      ctx.status(HttpStatus.CREATED).json(view(a, f));
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
    int offset = Query.intParam(ctx, "offset", 0);
    int limit = Query.intParam(ctx, "limit", DEFAULT_LIMIT);
    if (offset < 0) throw new ValidationException("offset must be 0 or more, got " + offset);
    if (limit < 1 || limit > MAX_LIMIT)
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    List<Folder> all = new ArrayList<>(folders.list(a));
    if (descending(Query.string(ctx, "order"))) Collections.reverse(all);
    List<Map<String, Object>> page = all.stream().skip(offset).limit(limit).map(f -> view(a, f)).toList();
    ctx.json(page);
  }

  private static boolean descending(String order) {
    if (order == null) return false;
    return switch (order.toUpperCase(Locale.ROOT)) {
      case "ASC" -> false;
      case "DESC" -> true;
      default -> throw new ValidationException("order must be ASC or DESC, got '" + order + "'");
    };
  }

  private Map<String, Object> view(Actor a, Folder f) {
    return AccountJson.folder(f, folders.stats(a, f.name()));
  }

  private static Actor actor(Context ctx) {
    return Caller.admin(ctx, AdminPermission.MANAGE_FOLDERS).actor();
  }
}
