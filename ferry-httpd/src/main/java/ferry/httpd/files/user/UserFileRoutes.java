package ferry.httpd.files.user;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.FileTrees;
import ferry.httpd.HttpServices;
import ferry.httpd.common.Body;
import ferry.httpd.files.DirEntry;
import ferry.httpd.files.FsErrors;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The user file API of /api/v2 (the reference's "user APIs"): directories, files, copy and move.
 * Every request runs in its own core {@link FileSession} (protocol HTTP); this class only decodes,
 * calls the session and renders.
 */
public final class UserFileRoutes {
  static final int LIST_BATCH = 1000;

  private final UserSessions sessions;
  private final FileDownloads downloads;
  private final FileUploads uploads;

  public UserFileRoutes(HttpServices services) {
    this.sessions = new UserSessions(services.users(), services.fileSessions());
    this.downloads = new FileDownloads(sessions);
    this.uploads = new FileUploads(sessions);
  }

  public void register(RoutesConfig r) {
    r.get("/api/v2/user/dirs", this::listDir);
    r.post("/api/v2/user/dirs", this::makeDir);
    r.patch("/api/v2/user/dirs", this::rename);
    r.delete("/api/v2/user/dirs", ctx -> delete(ctx, true));
    r.get("/api/v2/user/files", downloads::download);
    r.post("/api/v2/user/files", uploads::multipart);
    r.patch("/api/v2/user/files", this::rename);
    r.delete("/api/v2/user/files", ctx -> delete(ctx, false));
    r.post("/api/v2/user/files/upload", uploads::raw);
    r.patch("/api/v2/user/files/metadata", this::setMetadata);
    r.post("/api/v2/user/file-actions/copy", this::copy);
    r.post("/api/v2/user/file-actions/move", this::rename);
    r.post("/api/v2/user/streamzip", downloads::streamZip);
  }

  private void listDir(Context ctx) throws IOException {
    String path = UserPaths.optional(ctx, "path");
    List<DirEntry> entries = new ArrayList<>();
    try (FileSession s = sessions.open(ctx)) {
      FsErrors.call(() -> {
        try (DirLister l = s.list(path)) {
          for (List<FileAttrs> batch; !(batch = l.next(LIST_BATCH)).isEmpty(); )
            batch.forEach(a -> entries.add(DirEntry.of(a)));
        }
        return null;
      });
    }
    ctx.json(entries);
  }

  private void makeDir(Context ctx) throws IOException {
    String path = UserPaths.required(ctx, "path");
    boolean parents = UserPaths.flag(ctx, "mkdir_parents");
    try (FileSession s = sessions.open(ctx)) {
      FsErrors.call(() -> {
        if (parents) FileTrees.mkdirs(s, path);
        else s.mkdir(path);
        return null;
      });
    }
    ctx.status(HttpStatus.CREATED).json(message("Directory created"));
  }

  /** PATCH dirs, PATCH files and POST file-actions/move: a rename that may replace a file. */
  private void rename(Context ctx) throws IOException {
    String path = UserPaths.required(ctx, "path");
    String target = UserPaths.required(ctx, "target");
    try (FileSession s = sessions.open(ctx)) {
      FsErrors.call(() -> {
        s.rename(path, intoDirectory(s, path, target), true);
        return null;
      });
    }
    ctx.json(message("Item moved"));
  }

  private void copy(Context ctx) throws IOException {
    String path = UserPaths.required(ctx, "path");
    String target = UserPaths.required(ctx, "target");
    try (FileSession s = sessions.open(ctx)) {
      FsErrors.call(() -> {
        FileTrees.copy(s, path, intoDirectory(s, path, target));
        return null;
      });
    }
    ctx.json(message("Item copied"));
  }

  /** A target ending in "/" names the directory the item goes into, keeping its name. */
  private static String intoDirectory(FileSession s, String path, String target) {
    return target.endsWith("/") ? VPath.of(target).child(VPath.of(s.normalize(path)).name()).toString() : target;
  }

  private void delete(Context ctx, boolean dir) throws IOException {
    String path = UserPaths.required(ctx, "path");
    try (FileSession s = sessions.open(ctx)) {
      FsErrors.call(() -> {
        FileAttrs a = s.stat(path);
        if (a.isDir() != dir)
          throw new ValidationException(FsErrors.clean(s.normalize(path)) + (dir ? " is not a directory" : " is a directory"));
        if (dir) FileTrees.removeTree(s, path);
        else s.remove(path);
        return null;
      });
    }
    ctx.json(message(dir ? "Directory deleted" : "File deleted"));
  }

  private void setMetadata(Context ctx) throws IOException {
    String path = UserPaths.required(ctx, "path");
    var body = Body.object(ctx);
    var mtime = body.get("modification_time");
    if (mtime == null || !mtime.isIntegralNumber() || !mtime.canConvertToLong() || mtime.asLong() < 0)
      throw new ValidationException("modification_time must be a unix time in milliseconds");
    Instant time = Instant.ofEpochMilli(mtime.asLong());
    try (FileSession s = sessions.open(ctx)) {
      FsErrors.call(() -> {
        s.setModified(path, time);
        return null;
      });
    }
    ctx.json(message("OK"));
  }

  static Map<String, String> message(String text) {
    return Map.of("message", text);
  }
}
