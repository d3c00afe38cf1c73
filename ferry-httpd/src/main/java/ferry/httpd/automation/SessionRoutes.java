package ferry.httpd.automation;

import static ferry.httpd.common.Authenticator.actor;

import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.session.Connections;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferRecord;
import ferry.core.transfer.TransferService;
import ferry.httpd.common.ConnectionJson;
import ferry.httpd.common.Query;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Live file-server connections and the transfer log, at /v1/adm/connections and
 * /v1/adm/transfers. A connection is the reference API's ConnectionStatus.
 */
final class SessionRoutes {
  private final Connections connections;
  private final TransferService transfers;

  SessionRoutes(Connections connections, TransferService transfers) {
    this.connections = connections;
    this.transfers = transfers;
  }

  void register(RoutesConfig r) {
    r.get("/v1/adm/connections", ctx -> {
      actor(ctx).requireAdmin("list connections");
      ctx.json(connections.list().stream().map(ConnectionJson::status).toList());
    });
    r.delete("/v1/adm/connections/{id}", ctx -> {
      connections.close(actor(ctx), ctx.pathParam("id"));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    r.get("/v1/adm/transfers", this::listTransfers);
  }

  private void listTransfers(Context ctx) {
    TransferFilter filter = new TransferFilter(Query.string(ctx, "username"),
        protocol(Query.string(ctx, "protocol")), bool(ctx, "ok"));
    int limit = Query.intParam(ctx, "limit", PageRequest.DEFAULT_LIMIT);
    int offset = Query.intParam(ctx, "offset", 0);
    Page<TransferRecord> page = transfers.list(actor(ctx), filter, limit, offset);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", page.items().stream().map(SessionRoutes::transfer).toList());
    m.put("limit", limit);
    m.put("offset", offset);
    m.put("total", page.total());
    ctx.json(m);
  }

  private static String protocol(String p) {
    return p == null ? null : p.toUpperCase(Locale.ROOT);
  }

  private static Boolean bool(Context ctx, String name) {
    String v = Query.string(ctx, name);
    if (v == null) return null;
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new ValidationException("query parameter " + name + " must be true or false, got '" + v + "'");
    };
  }

  static Map<String, Object> transfer(TransferRecord t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", t.username());
    m.put("protocol", t.protocol());
    m.put("direction", t.direction());
    m.put("path", t.path());
    m.put("jobId", t.jobId());
    m.put("source", t.srcVfs() + ":" + t.srcPath());
    m.put("destination", t.dstVfs() + ":" + t.dstPath());
    m.put("bytes", t.bytes());
    m.put("durationMs", t.duration().toMillis());
    m.put("sha256", t.sha256());
    m.put("ok", t.ok());
    m.put("error", t.error());
    m.put("remoteAddr", t.remoteAddr());
    m.put("connId", t.connId());
    m.put("finishedAt", t.finishedAt());
    return m;
  }
}
