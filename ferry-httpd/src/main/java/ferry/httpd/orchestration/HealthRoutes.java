package ferry.httpd.orchestration;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code GET /api/health}: the seed's unwrapped {@code {"status","timestamp","uptime"}}, no auth. */
final class HealthRoutes {
  record Health(String status, Instant timestamp, long uptime) {}

  private final Clock clock;
  private final Instant startedAt;

  HealthRoutes(Clock clock) {
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  void register(RoutesConfig r) {
    r.get("/api/health", ctx -> {
      Instant now = clock.instant();
      ctx.json(new Health("ok", now, Duration.between(startedAt, now).toSeconds()));
    });
  }
}
