package ferry.httpd.files.ops;

import ferry.httpd.files.Answers;
import ferry.core.admin.AdminPermission;
import ferry.core.session.Connections;
import ferry.httpd.common.ConnectionJson;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;

/** Live file-server connections of this node, /api/v2/connections, as the reference's ConnectionStatus. */
final class ConnectionApi {
  private final Connections connections;

  ConnectionApi(Connections connections) {
    this.connections = connections;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/connections", ctx -> {
      Caller.admin(ctx, AdminPermission.VIEW_CONNS);
      ctx.json(connections.list().stream().map(ConnectionJson::status).toList());
    });
    r.delete("/api/v2/connections/{connectionID}", ctx -> {
      Caller c = Caller.admin(ctx, AdminPermission.CLOSE_CONNS);
      connections.close(c.actor(), ctx.pathParam("connectionID"));
      Answers.message(ctx, HttpStatus.OK, "Connection closed");
    });
  }
}
