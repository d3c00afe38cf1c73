package ferry.httpd.files.admin;

import ferry.httpd.files.Answers;
import ferry.httpd.files.Listing;
import ferry.core.admin.AdminPermission;
import ferry.core.account.Group;
import ferry.core.account.GroupService;
import ferry.core.auth.Actor;
import ferry.core.folder.FolderService;
import ferry.httpd.common.AccountJson;
import ferry.httpd.common.Body;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** /api/v2/groups: the reference's Group objects, for admins with {@code manage_groups}. */
final class GroupsRoutes {
  static final String PATH = "/api/v2/groups";

  private final GroupService groups;
  private final FolderService folders;

  GroupsRoutes(GroupService groups, FolderService folders) {
    this.groups = groups;
    this.folders = folders;
  }

  void register(RoutesConfig r) {
    r.get(PATH, ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.MANAGE_GROUPS).actor();
      Listing l = Listing.of(ctx);
      ctx.json(groups.list(a, l.offset(), l.limit(), l.descending()).stream().map(g -> json(a, g)).toList());
    });
    r.post(PATH, ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.MANAGE_GROUPS).actor();
      Group g = groups.create(a, AccountJson.groupInput(Body.object(ctx)));
      Answers.created(ctx, PATH, g.name(), json(a, g));
    });
    r.get(PATH + "/{name}", ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.MANAGE_GROUPS).actor();
      ctx.json(json(a, groups.get(a, ctx.pathParam("name"))));
    });
    r.put(PATH + "/{name}", ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.MANAGE_GROUPS).actor();
      groups.update(a, ctx.pathParam("name"), AccountJson.groupInput(Body.object(ctx)));
      Answers.message(ctx, "Group updated");
    });
    r.delete(PATH + "/{name}", ctx -> {
      Actor a = Caller.admin(ctx, AdminPermission.MANAGE_GROUPS).actor();
      groups.delete(a, ctx.pathParam("name"));
      Answers.message(ctx, "Group deleted");
    });
  }

  private Map<String, Object> json(Actor a, Group g) {
    return AccountJson.group(g, groups.members(a, g.name()), AccountJson.folderLookup(folders, a));
  }
}
