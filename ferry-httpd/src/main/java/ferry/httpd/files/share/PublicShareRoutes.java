package ferry.httpd.files.share;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.RangeNotSatisfiableException;
import ferry.core.session.ZipStreamer;
import ferry.core.share.ShareService;
import ferry.core.share.ShareService.Access;
import ferry.core.share.ShareVisit;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.security.BasicAuthCredentials;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public face of shares, /api/v2/shares/{id}: no token, only the share's own password (HTTP
 * Basic, the user name is not checked). Every visit runs in a session of the share's owner over
 * {@code HTTPShare}, so the owner's permissions, patterns and quotas apply and each file moved is a
 * transfer record.
 */
final class PublicShareRoutes {
  static final String BASE = "/api/v2/shares/{id}";
  private static final int LIST_BATCH = 256;

  private final ShareService shares;

  PublicShareRoutes(ShareService shares) {
    this.shares = shares;
  }

  void register(RoutesConfig r) {
    r.get(BASE, this::download);
    r.post(BASE, this::uploadMultipart);
    r.get(BASE + "/dirs", this::browse);
    r.get(BASE + "/files", this::downloadFile);
    r.post(BASE + "/{fileName}", this::uploadRaw);
  }

  private ShareVisit visit(Context ctx, Access access) {
    return shares.visit(ctx.pathParam("id"), access, ctx.ip(), password(ctx));
  }

  /** The Basic password, or null when none (or no readable one) was sent. */
  private static String password(Context ctx) {
    String h = ctx.header("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) return null;
    try {
      BasicAuthCredentials c = ctx.basicAuthCredentials();
      return c == null ? null : c.getPassword();
    } catch (RuntimeException malformed) {
      return null;
    }
  }

  /** The shared paths as one zip, or the single shared file itself with {@code compress=false}. */
  private void download(Context ctx) throws IOException {
    boolean compress = !"false".equalsIgnoreCase(ctx.queryParam("compress"));
    try (ShareVisit v = visit(ctx, Access.DOWNLOAD)) {
      FileSession s = v.session();
      List<String> paths = v.share().paths();
      if (!compress && paths.size() == 1) {
        FileAttrs a = FsErrors.on(() -> s.stat(paths.getFirst()));
        if (!a.isDir()) {
          sendFile(ctx, s, paths.getFirst(), a);
          return;
        }
      }
      try (ZipStreamer zip = FsErrors.on(() -> ZipStreamer.prepare(s, paths))) {
        HttpServletResponse res = ctx.res();
        res.setContentType("application/zip");
        res.setHeader("Content-Disposition", Disposition.attachment("share-" + v.share().name() + ".zip"));
        OutputStream out = res.getOutputStream();
        zip.writeTo(out);
        out.flush();
      }
    }
  }

  private void browse(Context ctx) throws IOException {
    try (ShareVisit v = visit(ctx, Access.BROWSE)) {
      String dir = v.resolve(ctx.queryParam("path"));
      List<Map<String, Object>> entries = new ArrayList<>();
      try (DirLister l = FsErrors.on(() -> v.session().list(dir))) {
        List<FileAttrs> batch;
        while (!(batch = l.next(LIST_BATCH)).isEmpty()) for (FileAttrs a : batch) entries.add(DirEntries.of(a));
      }
      ctx.json(entries);
    }
  }

  private void downloadFile(Context ctx) throws IOException {
    String rel = ctx.queryParam("path");
    if (rel == null || rel.isBlank()) throw new ValidationException("path: name the file to download");
    try (ShareVisit v = visit(ctx, Access.DOWNLOAD)) {
      String path = v.resolve(rel);
      FileAttrs a = FsErrors.on(() -> v.session().stat(path));
      if (a.isDir()) throw new ValidationException(rel + " is a directory; download it as a zip of the share");
      sendFile(ctx, v.session(), path, a);
    }
  }

  /** One file, whole or the single byte range the client asked for. */
  private static void sendFile(Context ctx, FileSession s, String path, FileAttrs a) throws IOException {
    ByteRange range = ByteRange.parse(ctx.header("Range"), a.size());
    if (range == ByteRange.UNSATISFIABLE) throw unsatisfiable(ctx, a.size());
    FileSession.Download started;
    try {
      started = FsErrors.on(() -> range == null ? s.download(path) : s.download(path, range.start(), range.length()));
    } catch (RangeNotSatisfiableException e) { // the file shrank since the stat
      throw unsatisfiable(ctx, e.size());
    }
    try (FileSession.Download d = started) {
      HttpServletResponse res = ctx.res(); // the servlet's own stream: no compression, the length as set
      res.setStatus(range == null ? 200 : 206);
      if (range != null) res.setHeader("Content-Range", new ByteRange(d.offset(), d.length()).contentRange(d.size()));
      res.setHeader("Accept-Ranges", "bytes");
      String type = URLConnection.guessContentTypeFromName(a.name());
      res.setContentType(type == null ? "application/octet-stream" : type);
      res.setHeader("Content-Disposition", Disposition.attachment(a.name()));
      res.setHeader("Last-Modified",
          DateTimeFormatter.RFC_1123_DATE_TIME.format(a.modified().atOffset(ZoneOffset.UTC)));
      res.setContentLengthLong(d.length());
      Transfers.send(d, res.getOutputStream());
    }
  }

  private static HttpResponseException unsatisfiable(Context ctx, long size) {
    ctx.header("Content-Range", "bytes */" + size);
    return new HttpResponseException(HttpStatus.RANGE_NOT_SATISFIABLE.getCode(),
        "the requested range is outside the file's " + size + " bytes");
  }

  /** Each file part into the share's directory, under its own base name. */
  private void uploadMultipart(Context ctx) throws IOException {
    try (ShareVisit v = visit(ctx, Access.UPLOAD)) {
      String dir = v.resolve("");
      MultipartFiles.read(ctx.contentType(), ctx.req().getInputStream(), fileName -> {
        Transfers.Writer w = new Transfers.Writer(v.session(), target(v, dir, fileName));
        return new MultipartFiles.Target() {
          @Override
          public void write(ByteBuffer bytes) throws IOException {
            w.write(bytes);
          }

          @Override
          public void finish() throws IOException {
            w.commit();
          }

          @Override
          public void close() {
            w.close();
          }
        };
      });
      ctx.status(HttpStatus.CREATED).json(Map.of("message", "Upload completed"));
    }
  }

  /** The raw request body as the file {fileName} in the share's directory. */
  private void uploadRaw(Context ctx) throws IOException {
    try (ShareVisit v = visit(ctx, Access.UPLOAD)) {
      String path = target(v, v.resolve(""), ctx.pathParam("fileName"));
      Transfers.upload(v.session(), path, ctx.req().getInputStream(), mtime(ctx));
      ctx.status(HttpStatus.CREATED).json(Map.of("message", "Upload completed"));
    }
  }

  /** {@code dir/name} for a plain file name; anything that would leave {@code dir} is refused. */
  private static String target(ShareVisit v, String dir, String name) {
    if (name == null || name.isBlank() || name.equals(".") || name.equals("..") || name.contains("/")
        || name.contains("\\") || name.chars().anyMatch(c -> c < 0x20))
      throw new ValidationException("'" + name + "' is not a plain file name; sub directories are not accepted");
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  /** X-SFTPGO-MTIME: the file's modification time in milliseconds, if sent. */
  private static Instant mtime(Context ctx) {
    String h = ctx.header("X-SFTPGO-MTIME");
    if (h == null || h.isBlank()) return null;
    try {
      return Instant.ofEpochMilli(Long.parseLong(h.trim()));
    } catch (NumberFormatException e) {
      throw new ValidationException("X-SFTPGO-MTIME must be a time in milliseconds, got '" + h + "'");
    }
  }
}
