package ferry.httpd.files.ops;

import ferry.core.account.AdminPermission;
import ferry.core.session.ActiveTransfer;
import ferry.core.session.ConnectionInfo;
import ferry.core.session.Connections;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Live file-server connections of this node, /api/v2/connections, as the reference's
 * ConnectionStatus. Ferry does not track the client version, last command or last activity, so
 * those fields are left out; {@code node} is left out as the reference does for one node.
 */
final class ConnectionApi {
  private final Connections connections;

  ConnectionApi(Connections connections) {
    this.connections = connections;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/connections", ctx -> {
      Caller.admin(ctx, AdminPermission.VIEW_CONNS);
      ctx.json(connections.list().stream().map(ConnectionApi::status).toList());
    });
    r.delete("/api/v2/connections/{connectionID}", ctx -> {
      Caller c = Caller.admin(ctx, AdminPermission.CLOSE_CONNS);
      connections.close(c.actor(), ctx.pathParam("connectionID"));
      Answers.message(ctx, HttpStatus.OK, "Connection closed");
    });
  }

  static Map<String, Object> status(ConnectionInfo c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", c.username());
    m.put("connection_id", c.id());
    m.put("remote_address", c.remoteAddr());
    m.put("connection_time", c.startedAt().toEpochMilli());
    m.put("protocol", c.protocol());
    m.put("active_transfers", c.transfers().stream().map(ConnectionApi::transfer).toList());
    return m;
  }

  private static Map<String, Object> transfer(ActiveTransfer t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("operation_type", t.direction());
    m.put("path", t.path());
    m.put("start_time", t.startedAt().toEpochMilli());
    m.put("size", t.bytes());
    return m;
  }
}
