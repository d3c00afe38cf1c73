package ferry.server.metrics;

import ferry.httpd.HttpMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Meter.MeterProvider;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** HTTP requests by method, route template and status, and the scrape the API serves. */
final class HttpMeters implements HttpMetrics {
  private final MeterProvider<Timer> requests;
  private final Supplier<String> scrape;

  HttpMeters(MeterRegistry registry, Supplier<String> scrape) {
    this.scrape = scrape;
    requests = Timer.builder("ferry.http.requests")
        .description("HTTP API requests by method, route template and status").withRegistry(registry);
  }

  @Override
  public void request(String method, String route, int status, long nanos) {
    requests.withTags("method", method, "route", route, "status", Integer.toString(status))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public String scrape() {
    return scrape.get();
  }
}
