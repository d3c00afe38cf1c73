package ferry.httpd.files.user;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.FileTrees;
import ferry.httpd.files.FsErrors;
import ferry.httpd.files.MultipartReader;
import ferry.httpd.files.Transfers;
import ferry.vfs.VPath;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Instant;

/**
 * POST /api/v2/user/files/upload (the raw body is the file, whatever its Content-Type) and POST
 * /api/v2/user/files (multipart/form-data, several files). Both read the request stream directly:
 * nothing asks Jetty to parse a form, and no file is spooled or held in memory.
 */
final class FileUploads {
  private final UserSessions sessions;

  FileUploads(UserSessions sessions) {
    this.sessions = sessions;
  }

  void raw(Context ctx) throws IOException {
    String path = UserPaths.required(ctx, "path");
    boolean parents = UserPaths.flag(ctx, "mkdir_parents");
    Instant modified = Transfers.mtime(ctx.header(Transfers.MTIME_HEADER));
    try (FileSession s = sessions.open(ctx)) {
      if (parents) mkdirs(s, VPath.of(path).parentOrRoot().toString());
      Transfers.receive(s, path, ctx.req().getInputStream(), modified);
    }
    ctx.status(HttpStatus.CREATED).json(UserFileRoutes.message("Upload completed"));
  }

  void multipart(Context ctx) throws IOException {
    String dir = UserPaths.optional(ctx, "path");
    boolean parents = UserPaths.flag(ctx, "mkdir_parents");
    String boundary = MultipartReader.boundary(ctx.header("Content-Type"));
    int files = 0;
    try (FileSession s = sessions.open(ctx)) {
      if (parents) mkdirs(s, dir);
      MultipartReader reader = new MultipartReader(ctx.req().getInputStream(), boundary);
      for (MultipartReader.Part p; (p = reader.next()) != null; ) {
        if (p.filename() == null) continue; // a plain form field
        String name = baseName(p.filename());
        String target = VPath.of(dir).child(UserPaths.check("filename", name)).toString();
        Transfers.receive(s, target, p.body(), null);
        files++;
      }
    }
    if (files == 0) throw new ValidationException("the multipart body holds no file (send them as 'filenames')");
    ctx.status(HttpStatus.CREATED).json(UserFileRoutes.message("Upload completed"));
  }

  private static void mkdirs(FileSession s, String dir) throws IOException {
    FsErrors.call(() -> {
      FileTrees.mkdirs(s, dir);
      return null;
    });
  }

  /** The last name of a client's file name; browsers on Windows may send a whole path. */
  static String baseName(String filename) {
    String n = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    if (n.isEmpty() || n.equals(".") || n.equals(".."))
      throw new ValidationException("a multipart part has no usable file name: '" + FsErrors.clean(filename) + "'");
    return n;
  }
}
