package ferry.httpd.orchestration;

import ferry.httpd.HttpServices;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The orchestration face, /api (SPEC §2, seed 003): agents, tracked transfers, scheduled jobs, pipelines, in
 * the {@code {"success":...}} envelope ({@link Envelope}; failures and unknown paths through
 * {@link ferry.httpd.common.ErrorBody}). Authentication first, then one line per part.
 */
public final class OrchestrationApi {
  private final HttpServices services;

  public OrchestrationApi(HttpServices services) {
    this.services = services;
  }

  public void register(RoutesConfig r) {
    new OrchestrationAuth(services).register(r);
    new RateLimits(services.settings()).register(r);
    new AgentCertificateRoutes(services.agentCertificates(), services.agents()).register(r); // before /api/agents/{id}: first match wins
    new HealthRoutes(Clock.systemUTC()).register(r);
    new CustomerRoutes(services.customers()).register(r);
    new OpenApiRoutes().register(r);
    new ferry.httpd.orchestration.agents.AgentRoutes(services.agents(), services.agentCertificates()).register(r);
    new ferry.httpd.orchestration.transfers.TransferRoutes(services.trackedTransfers(), services.agents()).register(r);
    new ferry.httpd.orchestration.jobs.JobRoutes(services.schedules(), services.folders()).register(r);
    new ferry.httpd.orchestration.pipelines.PipelineRoutes(services.pipelines()).register(r);
  }
}
