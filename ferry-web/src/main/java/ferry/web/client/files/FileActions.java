package ferry.web.client.files;

import static ferry.web.client.files.FilePages.back;
import static ferry.web.client.files.FilePages.items;
import static ferry.web.client.files.FilePages.required;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.FileTrees;
import ferry.httpd.files.FsErrors;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The file browser's changes: new folder, rename, copy, move, delete (after a confirmation page).
 * Each is one form POST answered by a redirect to the folder (works without script); the session
 * does the work exactly as the /api/v2 user file API's routes do.
 */
final class FileActions {
  private final FilePages pages;

  FileActions(FilePages pages) {
    this.pages = pages;
  }

  void mkdir(Context ctx, Page page) throws Exception {
    String dir = required(ctx.formParam("path"), "path");
    String name = name(ctx.formParam("name"));
    try (FileSession s = pages.open(ctx)) {
      String d = s.normalize(dir);
      FsErrors.call(() -> {
        s.mkdir(VPath.of(d).child(name).toString());
        return null;
      });
      back(ctx, d, "mkdir");
    }
  }

  void rename(Context ctx, Page page) throws Exception {
    String item = required(ctx.formParam("item"), "item");
    String name = name(ctx.formParam("name"));
    try (FileSession s = pages.open(ctx)) {
      VPath from = VPath.of(s.normalize(item));
      if (from.isRoot()) throw new ValidationException("the home folder itself cannot be renamed, moved or deleted");
      String parent = from.parentOrRoot().toString();
      FsErrors.call(() -> {
        s.rename(from.toString(), VPath.of(parent).child(name).toString(), false);
        return null;
      });
      back(ctx, parent, "renamed");
    }
  }

  void copy(Context ctx, Page page) throws Exception {
    transfer(ctx, true);
  }

  void move(Context ctx, Page page) throws Exception {
    transfer(ctx, false);
  }

  /** Copies or moves every selected item into the target folder, keeping its name. */
  private void transfer(Context ctx, boolean copy) throws Exception {
    List<String> items = items(ctx);
    String back = required(ctx.formParam("path"), "path");
    String target = required(ctx.formParam("target"), "target");
    try (FileSession s = pages.open(ctx)) {
      String into = s.normalize(target.startsWith("/") ? target : VPath.of(s.normalize(back)).resolve(target).toString());
      for (String item : items) {
        VPath from = VPath.of(s.normalize(item));
        if (from.isRoot()) throw new ValidationException("the home folder itself cannot be renamed, moved or deleted");
        String to = VPath.of(into).child(from.name()).toString();
        FsErrors.call(() -> {
          if (copy) FileTrees.copy(s, from.toString(), to);
          else s.rename(from.toString(), to, false);
          return null;
        });
      }
      back(ctx, s.normalize(back), copy ? "copied" : "moved");
    }
  }

  /** Without {@code confirmed=1}, a page naming what would be deleted; with it, the deletion. */
  void delete(Context ctx, Page page) throws Exception {
    List<String> items = items(ctx);
    String back = required(ctx.formParam("path"), "path");
    try (FileSession s = pages.open(ctx)) {
      List<Entry> found = new ArrayList<>();
      for (String item : items) {
        VPath p = VPath.of(s.normalize(item));
        if (p.isRoot()) throw new ValidationException("the home folder itself cannot be renamed, moved or deleted");
        FileAttrs a = FsErrors.call(() -> s.stat(p.toString()));
        found.add(new Entry(p.parentOrRoot().toString(), a));
      }
      if (!"1".equals(ctx.formParam("confirmed"))) {
        Pages.render(ctx, "client/files/confirm.jte", Map.of("page", page, "entries", found, "back", s.normalize(back)));
        return;
      }
      for (Entry e : found) {
        FsErrors.call(() -> {
          if (e.dir()) FileTrees.removeTree(s, e.path());
          else s.remove(e.path());
          return null;
        });
      }
      back(ctx, s.normalize(back), "deleted");
    }
  }

  /** A new name: one path segment. */
  static String name(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.equals(".") || n.equals("..") || n.contains("/") || n.contains("\\") || n.indexOf('\0') >= 0)
      throw new ValidationException("name must be a file name, without / or \\");
    return ferry.httpd.files.user.UserPaths.check("name", n);
  }
}
