package ferry.web.client.files;

import static ferry.web.client.files.FilePages.items;
import static ferry.web.client.files.FilePages.required;

import ferry.core.error.ValidationException;
import ferry.core.session.FileSession;
import ferry.httpd.files.FileSender;
import ferry.httpd.files.FsErrors;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.SecurityHeaders;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Downloads and previews. The bytes always come from the core's ranged download ({@link
 * FileSender}, as GET /api/v2/user/files) and zip ({@link FileSender#sendZip}, as POST
 * /api/v2/user/streamzip): one transfer record each, Range answered with 206 or 416.
 */
final class FileViews {
  /** The most of a text file a preview shows. */
  static final int TEXT_PREVIEW = 256 * 1024;

  private final FilePages pages;

  FileViews(FilePages pages) {
    this.pages = pages;
  }

  /** One file as an attachment. */
  void download(Context ctx, Page page) throws Exception {
    String path = required(ctx.queryParam("path"), "path");
    try (FileSession s = pages.open(ctx)) {
      FileAttrs a = file(s, path);
      FileSender.send(ctx, s, path, a, "attachment");
    }
  }

  /**
   * One file for the preview frame or element: framed by Ferry's own pages only, sandboxed, never
   * sniffed, and with a type that cannot run in Ferry's origin ({@link Media}).
   */
  void raw(Context ctx, Page page) throws Exception {
    String path = required(ctx.queryParam("path"), "path");
    SecurityHeaders.preview(ctx);
    ctx.header("X-Content-Type-Options", "nosniff");
    try (FileSession s = pages.open(ctx)) {
      FileAttrs a = file(s, path);
      // a browser's PDF viewer does not start in a sandbox; the pinned type keeps it a PDF
      if (Media.of(a.name()) == Media.PDF) SecurityHeaders.previewPdf(ctx);
      FileSender.send(ctx, s, path, a, Media.inline(a.name()) ? "inline" : "attachment", Media.rawType(a.name()));
    }
  }

  /** The selected files and folders as one zip, streamed. */
  void zip(Context ctx, Page page) throws Exception {
    var paths = items(ctx);
    try (FileSession s = pages.open(ctx)) {
      FileSender.sendZip(ctx, s, paths);
    }
  }

  void preview(Context ctx, Page page) throws Exception {
    String path = required(ctx.queryParam("path"), "path");
    Map<String, Object> m = new HashMap<>();
    try (FileSession s = pages.open(ctx)) {
      String p = s.normalize(path);
      FileAttrs a = file(s, p);
      Media media = Media.of(a.name());
      m.put("e", new Entry(VPath.of(p).parentOrRoot().toString(), a));
      m.put("media", media.name().toLowerCase(java.util.Locale.ROOT));
      m.put("text", media == Media.TEXT ? text(s, p, a) : "");
      m.put("truncated", media == Media.TEXT && a.size() > TEXT_PREVIEW);
    }
    m.put("page", page);
    Pages.render(ctx, "client/files/preview.jte", m);
  }

  /** The first {@link #TEXT_PREVIEW} bytes as UTF-8 (bad bytes replaced); the template escapes them. */
  private static String text(FileSession s, String path, FileAttrs a) throws Exception {
    long length = Math.min(a.size(), TEXT_PREVIEW);
    if (length == 0) return "";
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
    FsErrors.call(() -> {
      try (FileSession.Download d = s.download(path, 0, length); InputStream in = d.stream()) {
        in.transferTo(out);
      }
      return null;
    });
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(out.toByteArray())).toString();
  }

  private static FileAttrs file(FileSession s, String path) throws Exception {
    FileAttrs a = FsErrors.call(() -> s.stat(path));
    if (a.isDir()) throw new ValidationException(FsErrors.clean(s.normalize(path)) + " is a directory");
    return a;
  }
}
