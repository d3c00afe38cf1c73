package ferry.httpd.files.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.RangeNotSatisfiableException;
import ferry.core.session.ZipStreamer;
import ferry.httpd.common.ErrorBody;
import ferry.httpd.common.Json;
import ferry.vfs.FileAttrs;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
      // decided before the download starts: an unsatisfiable range is no transfer
      ByteRange.Ask ask = ByteRange.parse(ctx.header("Range"), a.size());
      if (ask instanceof ByteRange.Unsatisfiable) {
        unsatisfiable(ctx, a.size());
        return;
      }
      ByteRange range = ask instanceof ByteRange.Part p ? p.range() : null;
      FileSession.Download started;
      try {
        started = FsErrors.call(() -> range == null ? s.download(path) : s.download(path, range.first(), range.length()));
      } catch (RangeNotSatisfiableException e) { // the file shrank since the stat
        unsatisfiable(ctx, e.size());
        return;
      }
      try (FileSession.Download d = started) {
        long first = d.offset();
        long length = d.length();
        var res = ctx.res();
        res.setStatus(range == null ? 200 : 206);
        if (range != null) res.setHeader("Content-Range", new ByteRange(first, first + length - 1).contentRange(d.size()));
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("Content-Type", contentType(a.name()));
        res.setHeader("Content-Disposition", disposition(inline ? "inline" : "attachment", a.name()));
        res.setHeader("Last-Modified", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
            .format(a.modified().atZone(java.time.ZoneOffset.UTC)));
        res.setContentLengthLong(length);
        Transfers.send(d, first, length, res.getOutputStream());
      }
    }
  }

  private static void unsatisfiable(Context ctx, long size) {
    ctx.header("Content-Range", "bytes */" + size);
    HttpStatus st = HttpStatus.RANGE_NOT_SATISFIABLE;
    ctx.status(st).json(ErrorBody.of(ctx.path(), st.getCode(), st.getMessage(),
        "the requested range is not satisfiable: the file has " + size + " bytes", Map.of()));
  }

  void streamZip(Context ctx) throws IOException {
    List<String> paths = paths(ctx);
    try (FileSession s = sessions.open(ctx);
        ZipStreamer zip = FsErrors.call(() -> ZipStreamer.prepare(s, paths))) {
      var res = ctx.res();
      res.setStatus(200);
      res.setHeader("Content-Type", "application/zip");
      res.setHeader("Content-Disposition", disposition("attachment", s.user().username() + "-download.zip"));
      zip.writeTo(res.getOutputStream());
      res.getOutputStream().flush();
    }
  }

  /** The body: a JSON array of paths. */
  private static List<String> paths(Context ctx) {
    String text = ctx.body();
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ValidationException("the request body is not valid JSON: " + e.getOriginalMessage());
    }
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

  static String contentType(String name) {
    String t = URLConnection.getFileNameMap().getContentTypeFor(name);
    return t == null ? "application/octet-stream" : t;
  }

  /** A Content-Disposition with an ASCII fallback name and the exact name in RFC 5987 form. */
  static String disposition(String kind, String name) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\\", "_").replace("\"", "_");
    String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }
}
