package ferry.httpd.orchestration;

import ferry.core.agent.AgentService;
import ferry.core.agent.certificate.AgentCertificateService;
import io.javalin.config.RoutesConfig;
import java.util.Set;

/**
 * Agents' mTLS: {@code GET /api/agents/ca} (public: the CA certificate, PEM, for clients to check
 * what they are shown) and {@code POST /api/agents/certificate} (an agent signs in with its key, or
 * its current certificate to renew it, and sends {@code {"csr":PEM}}; the answer's certificate
 * replaces any earlier one). Registered before the agents' {@code /api/agents/{id}} routes, which
 * would otherwise take "ca" for an id.
 */
final class AgentCertificateRoutes {
  static final String PEM_TYPE = "application/x-pem-file";

  private final AgentCertificateService certificates;
  private final AgentService agents;

  AgentCertificateRoutes(AgentCertificateService certificates, AgentService agents) {
    this.certificates = certificates;
    this.agents = agents;
  }

  void register(RoutesConfig r) {
    r.get("/api/agents/ca", ctx -> ctx.contentType(PEM_TYPE).result(certificates.caPem()));
    r.post("/api/agents/certificate", ctx -> {
      ApiCaller agent = ApiCaller.agent(ctx);
      // the length is CsrCheck's (ferry-server) to judge; this bounds only the JSON string
      String csr = ApiBody.of(ctx, Set.of("csr")).requiredString("csr", 64 * 1024);
      AgentCertificateService.Issued issued = certificates.issue(agent.agentId(), csr);
      // on the agent too: its JSON shows it, and a certificate signs in only while both records name it
      agents.recordCertificate(agent.agentId(), issued.fingerprint(), issued.notAfter());
      Envelope.ok(ctx, issued);
    });
  }
}
