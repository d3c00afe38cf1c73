package ferry.httpd;

/**
 * Port: what the HTTP listener tells the server's metrics, and the metrics it serves on {@code GET
 * /metrics}. The server implements it with Micrometer; {@link #NONE} serves no metrics route.
 */
public interface HttpMetrics {
  /** The content type of {@link #scrape()}: Prometheus' text exposition format. */
  String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** The route of a request no route matched (404s, probes). */
  String UNMATCHED = "unmatched";

  /**
   * Counts one answered request.
   *
   * @param method the HTTP method
   * @param route the matched route template, e.g. {@code /v1/adm/jobs/{id}}, never the raw path (so
   *     that the number of series stays bounded); {@link #UNMATCHED} when no route matched
   * @param status the status sent
   * @param nanos how long the request took to handle
   */
  void request(String method, String route, int status, long nanos);

  /** Every metric of the server, in {@link #CONTENT_TYPE}. */
  String scrape();

  /** Counts nothing; the listener then has no {@code /metrics} route. */
  HttpMetrics NONE =
      new HttpMetrics() {
        @Override
        public void request(String method, String route, int status, long nanos) {}

        @Override
        public String scrape() {
          return "";
        }
      };
}
