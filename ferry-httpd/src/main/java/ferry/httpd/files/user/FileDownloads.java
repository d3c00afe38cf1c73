package ferry.httpd.files.user;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.httpd.common.Body;
import ferry.httpd.files.FileSender;
import ferry.httpd.files.FsErrors;
import ferry.vfs.FileAttrs;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** GET /api/v2/user/files (one file, with Range) and POST /api/v2/user/streamzip (a zip of several). */
final class FileDownloads {
  /** Most paths one streamzip request may name. */
  static final int MAX_ZIP_PATHS = 10_000;

  private final UserSessions sessions;

  FileDownloads(UserSessions sessions) {
    this.sessions = sessions;
  }

  void download(Context ctx) throws IOException {
    String path = UserPaths.required(ctx, "path");
    boolean inline = ctx.queryParam("inline") != null && !ctx.queryParam("inline").isEmpty();
    try (FileSession s = sessions.open(ctx)) {
      FileAttrs a = FsErrors.call(() -> s.stat(path));
      if (a.isDir()) throw new ValidationException(FsErrors.clean(s.normalize(path)) + " is a directory");
      FileSender.send(ctx, s, path, a, inline ? "inline" : "attachment");
    }
  }

  void streamZip(Context ctx) throws IOException {
    List<String> paths = paths(ctx);
    try (FileSession s = sessions.open(ctx)) {
      FileSender.sendZip(ctx, s, paths);
    }
  }

  /** The body: a JSON array of paths. */
  private static List<String> paths(Context ctx) {
    JsonNode n = Body.tree(ctx);
    if (n == null || !n.isArray()) throw new ValidationException("the request body must be a JSON array of paths");
    if (n.isEmpty()) throw new ValidationException("the request body names no paths");
    if (n.size() > MAX_ZIP_PATHS) throw new ValidationException("at most " + MAX_ZIP_PATHS + " paths per request");
    List<String> out = new ArrayList<>();
    for (JsonNode p : n) {
      if (!p.isTextual() || p.asText().isEmpty()) throw new ValidationException("every path must be a non-empty string");
      out.add(UserPaths.check("paths", p.asText()));
    }
    return out;
  }
}
