package ferry.httpd.files;

import ferry.core.session.FileSession;
import ferry.core.session.RangeNotSatisfiableException;
import ferry.core.session.ZipStreamer;
import ferry.httpd.common.ErrorBody;
import ferry.vfs.FileAttrs;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Answers a GET of one file of a session: whole (200) or the one byte range asked for (206, 416). */
public final class FileSender {
  private FileSender() {}

  /**
   * Streams the file {@code a} at {@code path} of {@code s} as the response.
   *
   * @param kind the Content-Disposition kind: "attachment" or "inline"
   */
  public static void send(Context ctx, FileSession s, String path, FileAttrs a, String kind) throws IOException {
    send(ctx, s, path, a, kind, Disposition.contentType(a.name()));
  }

  /** As {@link #send(Context, FileSession, String, FileAttrs, String)}, with the media type the caller decided. */
  public static void send(Context ctx, FileSession s, String path, FileAttrs a, String kind, String contentType)
      throws IOException {
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
      HttpServletResponse res = ctx.res(); // the servlet's own stream: no compression, the length as set
      res.setStatus(range == null ? 200 : 206);
      if (range != null) res.setHeader("Content-Range", new ByteRange(first, first + length - 1).contentRange(d.size()));
      res.setHeader("Accept-Ranges", "bytes");
      res.setHeader("Content-Type", contentType);
      res.setHeader("Content-Disposition", Disposition.of(kind, a.name()));
      res.setHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(a.modified().atZone(ZoneOffset.UTC)));
      res.setContentLengthLong(length);
      Transfers.send(d, first, length, res.getOutputStream());
    }
  }

  /**
   * Streams a zip of {@code paths} of {@code s} (the core's {@link ZipStreamer}: folders whole, every
   * file one download record) as an attachment named after the user.
   */
  public static void sendZip(Context ctx, FileSession s, List<String> paths) throws IOException {
    try (ZipStreamer zip = FsErrors.call(() -> ZipStreamer.prepare(s, paths))) {
      HttpServletResponse res = ctx.res();
      res.setStatus(200);
      res.setHeader("Content-Type", "application/zip");
      res.setHeader("Content-Disposition", Disposition.attachment(s.user().username() + "-download.zip"));
      zip.writeTo(res.getOutputStream());
      res.getOutputStream().flush();
    }
  }

  private static void unsatisfiable(Context ctx, long size) {
    ctx.header("Content-Range", "bytes */" + size);
    HttpStatus st = HttpStatus.RANGE_NOT_SATISFIABLE;
    ctx.status(st).json(ErrorBody.of(ctx.path(), st.getCode(), st.getMessage(),
        "the requested range is not satisfiable: the file has " + size + " bytes", Map.of()));
  }
}
