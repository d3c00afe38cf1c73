package ferry.httpd.files.admin;

import ferry.httpd.files.Answers;
import ferry.httpd.files.Listing;
import ferry.core.admin.AdminPermission;
import ferry.core.account.User;
import ferry.core.account.UserService;
import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.FolderService;
import ferry.core.session.ConnectionInfo;
import ferry.core.session.Connections;
import ferry.httpd.common.AccountJson;
import ferry.httpd.common.Body;
import ferry.httpd.common.Query;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * /api/v2/users: the reference's User objects, on the same {@link UserService} as /v1/adm and the
 * CLI. Secrets come back sealed and without payload whatever {@code confidential_data} says.
 */
final class UsersRoutes {
  static final String PATH = "/api/v2/users";

  private final UserService users;
  private final Connections connections;
  private final FolderService folders;

  UsersRoutes(UserService users, Connections connections, FolderService folders) {
    this.users = users;
    this.connections = connections;
    this.folders = folders;
  }

  void register(RoutesConfig r) {
    r.get(PATH, this::list);
    r.post(PATH, this::add);
    r.get(PATH + "/{username}", ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.VIEW_USERS).actor();
      ctx.json(json(a, users.get(a, ctx.pathParam("username"))));
    });
    r.put(PATH + "/{username}", this::update);
    r.delete(PATH + "/{username}", ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.DEL_USERS).actor();
      String username = ctx.pathParam("username");
      users.delete(a, username);
      disconnect(a, username);
      Answers.message(ctx, "User deleted");
    });
  }

  private void list(Context ctx) {
    Actor a = Caller.admin(ctx, AdminPermission.VIEW_USERS).actor();
    Listing l = Listing.of(ctx);
    ctx.json(users.list(a, l.offset(), l.limit(), l.descending()).stream().map(u -> json(a, u)).toList());
  }

  private void add(Context ctx) {
    Actor a = Caller.admin(ctx, AdminPermission.ADD_USERS).actor();
    User u = users.create(a, AccountJson.userInput(Body.object(ctx)));
    Answers.created(ctx, PATH, u.username(), json(a, u));
  }

  private void update(Context ctx) {
    Actor a = Caller.admin(ctx, AdminPermission.EDIT_USERS).actor();
    int disconnect = Query.intParam(ctx, "disconnect", 0);
    if (disconnect != 0 && disconnect != 1)
      throw new ValidationException("query parameter disconnect must be 0 or 1, got " + disconnect);
    String username = ctx.pathParam("username");
    users.update(a, username, AccountJson.userInput(Body.object(ctx)));
    if (disconnect == 1) disconnect(a, username);
    Answers.message(ctx, "User updated");
  }

  /** Ends the user's live connections, so that its next login uses the new settings. */
  private void disconnect(Actor a, String username) {
    for (ConnectionInfo c : connections.list()) {
      if (!c.username().equals(username)) continue;
      try {
        connections.close(a, c.id());
      } catch (NotFoundException e) {
        // it ended on its own meanwhile
      }
    }
  }

  private Map<String, Object> json(Actor a, User u) {
    return AccountJson.user(u, AccountJson.folderLookup(folders, a));
  }
}
