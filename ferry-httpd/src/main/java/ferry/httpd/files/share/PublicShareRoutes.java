package ferry.httpd.files.share;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.core.session.ZipStreamer;
import ferry.core.share.ShareService.Access;
import ferry.core.share.ShareService;
import ferry.core.share.ShareVisit;
import ferry.httpd.common.BasicCredentials;
import ferry.httpd.files.DirEntry;
import ferry.httpd.files.Disposition;
import ferry.httpd.files.FileSender;
import ferry.httpd.files.FsErrors;
import ferry.httpd.files.MultipartReader;
import ferry.httpd.files.Transfers;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
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
    return BasicCredentials.passwordOrNull(ctx.header("Authorization"));
  }

  /** The shared paths as one zip, or the single shared file itself with {@code compress=false}. */
  private void download(Context ctx) throws IOException {
    boolean compress = !"false".equalsIgnoreCase(ctx.queryParam("compress"));
    try (ShareVisit v = visit(ctx, Access.DOWNLOAD)) {
      FileSession s = v.session();
      List<String> paths = v.share().paths();
      if (!compress && paths.size() == 1) {
        FileAttrs a = FsErrors.call(() -> s.stat(paths.getFirst()));
        if (!a.isDir()) {
          FileSender.send(ctx, s, paths.getFirst(), a, "attachment");
          return;
        }
      }
      try (ZipStreamer zip = FsErrors.call(() -> ZipStreamer.prepare(s, paths))) {
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
      List<DirEntry> entries = new ArrayList<>();
      try (DirLister l = FsErrors.call(() -> v.session().list(dir))) {
        List<FileAttrs> batch;
        while (!(batch = l.next(LIST_BATCH)).isEmpty()) for (FileAttrs a : batch) entries.add(DirEntry.of(a));
      }
      ctx.json(entries);
    }
  }

  private void downloadFile(Context ctx) throws IOException {
    String rel = ctx.queryParam("path");
    if (rel == null || rel.isBlank()) throw new ValidationException("path: name the file to download");
    try (ShareVisit v = visit(ctx, Access.DOWNLOAD)) {
      String path = v.resolve(rel);
      FileAttrs a = FsErrors.call(() -> v.session().stat(path));
      if (a.isDir()) throw new ValidationException(rel + " is a directory; download it as a zip of the share");
      FileSender.send(ctx, v.session(), path, a, "attachment");
    }
  }

  /** Each file part into the share's directory, under its own base name. */
  private void uploadMultipart(Context ctx) throws IOException {
    try (ShareVisit v = visit(ctx, Access.UPLOAD)) {
      String dir = v.resolve("");
      String boundary = MultipartReader.boundary(ctx.contentType());
      MultipartReader reader = new MultipartReader(ctx.req().getInputStream(), boundary);
      int files = 0;
      for (MultipartReader.Part p; (p = reader.next()) != null; ) {
        if (p.filename() == null) continue; // a plain form field
        Transfers.receive(v.session(), target(v, dir, p.filename()), p.body(), null);
        files++;
      }
      if (files == 0) throw new ValidationException("the multipart body has no file part");
      ctx.status(HttpStatus.CREATED).json(Map.of("message", "Upload completed"));
    }
  }

  /** The raw request body as the file {fileName} in the share's directory. */
  private void uploadRaw(Context ctx) throws IOException {
    try (ShareVisit v = visit(ctx, Access.UPLOAD)) {
      String path = target(v, v.resolve(""), ctx.pathParam("fileName"));
      Instant modified = Transfers.mtime(ctx.header(Transfers.MTIME_HEADER));
      Transfers.receive(v.session(), path, ctx.req().getInputStream(), modified);
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
}
