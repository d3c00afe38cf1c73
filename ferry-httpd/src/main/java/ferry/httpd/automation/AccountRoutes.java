package ferry.httpd.automation;

import static ferry.httpd.common.Authenticator.actor;

import ferry.core.account.Group;
import ferry.core.account.GroupService;
import ferry.core.account.User;
import ferry.core.account.UserService;
import ferry.core.auth.Actor;
import ferry.core.folder.FolderService;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.httpd.common.AccountJson;
import ferry.httpd.common.Body;
import ferry.httpd.common.Query;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * File-server users and groups for admins and the CLI, at /v1/adm/users and /v1/adm/groups. Bodies
 * and answers are the reference API's User and Group (see {@link AccountJson}).
 */
final class AccountRoutes {
  /** Users per page when the client does not say. */
  static final int DEFAULT_LIMIT = 100;
  static final String TOTAL_HEADER = "X-Total-Count";

  private final UserService users;
  private final GroupService groups;
  private final FolderService folders;

  AccountRoutes(UserService users, GroupService groups, FolderService folders) {
    this.users = users;
    this.groups = groups;
    this.folders = folders;
  }

  void register(RoutesConfig r) {
    r.post("/v1/adm/users", ctx -> ctx.status(HttpStatus.CREATED)
        .json(user(ctx, users.create(actor(ctx), AccountJson.userInput(Body.object(ctx))))));
    r.get("/v1/adm/users", this::listUsers);
    r.get("/v1/adm/users/{username}", ctx -> ctx.json(user(ctx, users.get(actor(ctx), ctx.pathParam("username")))));
    r.put("/v1/adm/users/{username}", ctx -> ctx.json(user(ctx,
        users.update(actor(ctx), ctx.pathParam("username"), AccountJson.userInput(Body.object(ctx))))));
    r.delete("/v1/adm/users/{username}", ctx -> {
      users.delete(actor(ctx), ctx.pathParam("username"));
      ctx.status(HttpStatus.NO_CONTENT);
    });

    r.post("/v1/adm/groups", ctx -> ctx.status(HttpStatus.CREATED)
        .json(group(ctx, groups.create(actor(ctx), AccountJson.groupInput(Body.object(ctx))))));
    r.get("/v1/adm/groups", ctx -> ctx.json(groups.list(actor(ctx)).stream().map(g -> group(ctx, g)).toList()));
    r.get("/v1/adm/groups/{name}", ctx -> ctx.json(group(ctx, groups.get(actor(ctx), ctx.pathParam("name")))));
    r.put("/v1/adm/groups/{name}", ctx -> ctx.json(group(ctx,
        groups.update(actor(ctx), ctx.pathParam("name"), AccountJson.groupInput(Body.object(ctx))))));
    r.delete("/v1/adm/groups/{name}", ctx -> {
      groups.delete(actor(ctx), ctx.pathParam("name"));
      ctx.status(HttpStatus.NO_CONTENT);
    });
  }

  /** A JSON array of users, {@code page} (from 1) and {@code limit} in the query, the total in a header. */
  private void listUsers(Context ctx) {
    PageRequest page = new PageRequest(Query.intParam(ctx, "page", 1), Query.intParam(ctx, "limit", DEFAULT_LIMIT));
    Page<User> p = users.list(actor(ctx), page);
    ctx.header(TOTAL_HEADER, String.valueOf(p.total()));
    ctx.json(p.items().stream().map(u -> user(ctx, u)).toList());
  }

  private Map<String, Object> user(Context ctx, User u) {
    return AccountJson.user(u, AccountJson.folderLookup(folders, actor(ctx)));
  }

  private Map<String, Object> group(Context ctx, Group g) {
    Actor a = actor(ctx);
    return AccountJson.group(g, groups.members(a, g.name()), AccountJson.folderLookup(folders, a));
  }
}
