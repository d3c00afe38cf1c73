package ferry.web.admin.operations;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferService;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code /web/admin/transfers}: the transfer log (the query of {@code GET /v1/adm/transfers}), paged
 * on the server with filters, and its CSV export of every filtered row, streamed.
 */
final class TransferHistoryPages {
  static final String PATH = "/web/admin/transfers";
  /** An export stops after this many rows (the file says so in its last line). */
  static final int MAX_EXPORT = 1_000_000;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final TransferService transfers;

  TransferHistoryPages(WebServices services) {
    this.transfers = services.core().transfers();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> {
      Actor a = admin(ctx);
      TransferQuery q = TransferQuery.of(ctx);
      Page<TransferRecord> rows = transfers.list(a, q.filter(), q.size(), q.offset());
      Map<String, Object> model = Map.of("page", page, "q", q, "rows", rows);
      if (Pages.isHtmx(ctx)) Pages.render(ctx, "admin/operations/transfersTable.jte", model);
      else Pages.render(ctx, "admin/operations/transfers.jte", model);
    });
    web.get(PATH + "/export", Access.ADMIN, this::export);
  }

  private static Actor admin(Context ctx) {
    var c = WebAuth.caller(ctx);
    c.require(AdminPermission.VIEW_CONNS);
    return c.actor();
  }

  /** Every filtered row as CSV, newest first, read a page at a time up to the moment the export began. */
  private void export(Context ctx, ferry.web.frame.Page page) throws IOException {
    Actor a = admin(ctx);
    TransferFilter f = TransferQuery.of(ctx).filter();
    Instant now = Instant.now();
    // rows that end while the export runs would shift the pages: the export ends where it began
    TransferFilter fixed = new TransferFilter(f.username(), f.protocol(), f.ok(), f.from(),
        f.to() == null || f.to().isAfter(now) ? now : f.to());
    Page<TransferRecord> first = transfers.list(a, fixed, PageRequest.MAX_LIMIT, 0);
    ctx.status(200);
    ctx.res().setContentType("text/csv; charset=utf-8");
    ctx.res().setHeader("Content-Disposition", "attachment; filename=\"transfers-" + STAMP.format(now) + ".csv\"");
    ctx.res().setHeader("Cache-Control", "no-store");
    Writer w = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8));
    w.write(Csv.line("finished_at", "username", "protocol", "direction", "path", "bytes", "duration_ms", "status",
        "error", "remote_address", "connection_id", "job_id", "source", "destination"));
    int written = 0;
    Page<TransferRecord> p = first;
    while (!p.items().isEmpty() && written < MAX_EXPORT) {
      for (TransferRecord r : p.items()) {
        w.write(row(r));
        written++;
      }
      if (p.items().size() < PageRequest.MAX_LIMIT) break;
      p = transfers.list(a, fixed, PageRequest.MAX_LIMIT, written);
    }
    w.flush();
  }

  static String row(TransferRecord r) {
    return Csv.line(r.finishedAt() == null ? "" : r.finishedAt().toString(), r.username(), r.protocol(),
        r.direction(), r.path(), String.valueOf(r.bytes()), String.valueOf(r.duration().toMillis()),
        r.ok() ? "ok" : "failed", r.error(), r.remoteAddr(), r.connId(), r.jobId(),
        side(r.srcVfs(), r.srcPath()), side(r.dstVfs(), r.dstPath()));
  }

  private static String side(String vfs, String path) {
    if (vfs == null && path == null) return "";
    return (vfs == null ? "" : vfs + ":") + (path == null ? "" : path);
  }
}
