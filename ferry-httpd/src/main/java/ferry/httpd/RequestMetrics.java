package ferry.httpd;

import ferry.httpd.common.Authenticator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** Times every request by its route template, and serves {@code GET /metrics} to admins. */
final class RequestMetrics {
  static final String PATH = "/metrics";
  private static final String STARTED = "ferry.metrics.started";

  private final HttpMetrics metrics;
  private final Authenticator auth;

  RequestMetrics(HttpMetrics metrics, Authenticator auth) {
    this.metrics = metrics;
    this.auth = auth;
  }

  void register(RoutesConfig r) {
    r.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
    r.after(this::record);
    r.get(PATH, this::serve);
  }

  private void record(Context ctx) {
    Long started = ctx.attribute(STARTED);
    if (started == null) return;
    metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), System.nanoTime() - started);
  }

  /** The template of the matched route: a 404 of {@code /v1/adm/jobs/x} counts under that route. */
  private static String route(Context ctx) {
    Endpoint e = ctx.endpoints().matchedHttpEndpoint();
    return e == null ? HttpMetrics.UNMATCHED : e.path;
  }

  /** Admins only (HTTP Basic or an admin-scope key): metrics name users and show the server's load. */
  private void serve(Context ctx) {
    auth.authenticate(ctx);
    Authenticator.actor(ctx).requireAdmin("read the metrics");
    ctx.contentType(HttpMetrics.CONTENT_TYPE).result(metrics.scrape());
  }
}
