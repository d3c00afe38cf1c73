package ferry.httpd.orchestration.agents;

import ferry.core.agent.Agent;
import ferry.core.agent.AgentService;
import ferry.core.agent.AgentStatus;
import ferry.core.agent.Heartbeat;
import ferry.core.agent.NewAgent;
import ferry.core.agent.RegisteredAgent;
import ferry.core.agent.certificate.AgentCertificateService;
import ferry.core.agent.certificate.AgentCsr;
import ferry.core.error.AuthenticationException;
import ferry.httpd.orchestration.ApiBody;
import ferry.httpd.orchestration.ApiCaller;
import ferry.httpd.orchestration.Envelope;
import ferry.httpd.orchestration.Paging;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The agent routes of the orchestration face (seed 003, contract 13): registration codes,
 * registration, heartbeats, listing, reading and deleting agents. Admins see every agent, a
 * customer its own; an agent only sends its heartbeat here.
 */
public final class AgentRoutes {
  private static final Set<String> CODE_FIELDS = Set.of("customer", "expiresInMinutes");
  private static final Set<String> REGISTER_FIELDS =
      Set.of("name", "hostname", "os", "version", "customerIdentifier", "registrationCode", "heartbeatInterval");
  private static final Set<String> HEARTBEAT_FIELDS = Set.of("status", "load", "memory", "version", "heartbeatInterval");
  private static final int MAX_CUSTOMER = 100;
  private static final int MAX_CODE = 200;

  record Code(String code, String customer, Instant expiresAt) {}

  record Mtls(boolean enabled, String csrTemplate, String csrEndpoint) {}

  record Registered(AgentView agent, String apiKey, Mtls mtls) {}

  record Deleted(String id, boolean deleted) {}

  private final AgentService agents;
  private final AgentCertificateService certificates;

  public AgentRoutes(AgentService agents, AgentCertificateService certificates) {
    this.agents = agents;
    this.certificates = certificates;
  }

  public void register(RoutesConfig r) {
    r.post("/api/agents/registration-codes", this::createCode);
    r.post("/api/agents/register", this::registerAgent);
    r.post("/api/agents/heartbeat", this::heartbeat);
    r.get("/api/agents", this::list);
    r.get("/api/agents/{id}", ctx -> Envelope.ok(ctx, view(visible(ctx, ApiCaller.person(ctx)))));
    r.delete("/api/agents/{id}", ctx -> {
      ApiCaller c = ApiCaller.person(ctx);
      Agent a = visible(ctx, c);
      agents.revoke(c.actor(), a.id());
      certificates.revoke(a.id());
      Envelope.ok(ctx, new Deleted(a.id(), true));
    });
  }

  private void createCode(Context ctx) {
    ApiCaller c = ApiCaller.person(ctx);
    ApiBody body = ApiBody.of(ctx, CODE_FIELDS);
    String customer = body.optionalString("customer", MAX_CUSTOMER);
    if (c.isAdmin() && customer == null) throw ApiBody.invalid("customer", "customer is required");
    if (!c.isAdmin()) {
      if (customer != null) c.mustSee(customer, "customer " + customer);
      customer = c.customer();
    }
    Long minutes = body.longValue("expiresInMinutes");
    var created = agents.createCode(c.actor(), customer, minutes == null ? null : Duration.ofMinutes(minutes));
    Envelope.created(ctx, new Code(created.code(), created.customer(), created.expiresAt()));
  }

  private void registerAgent(Context ctx) {
    ApiBody body = ApiBody.of(ctx, REGISTER_FIELDS);
    Long interval = body.longValue("heartbeatInterval");
    if (interval != null && (interval < 1 || interval > Integer.MAX_VALUE))
      throw ApiBody.invalid("heartbeatInterval", "heartbeatInterval must be a positive number of seconds");
    NewAgent req = new NewAgent(body.string("name"), body.string("hostname"), body.string("os"),
        body.string("version"), interval == null ? null : interval.intValue());
    String customerId = body.optionalString("customerIdentifier", MAX_CUSTOMER);
    String code = body.optionalString("registrationCode", MAX_CODE);
    var caller = ApiCaller.optional(ctx);
    RegisteredAgent reg;
    if (caller.isPresent()) {
      ApiCaller c = ApiCaller.person(ctx);
      if (code != null)
        throw ApiBody.invalid("registrationCode", "send either credentials or a registrationCode, not both");
      if (c.isAdmin() && customerId == null)
        throw ApiBody.invalid("customerIdentifier", "customerIdentifier is required when an admin registers an agent");
      if (!c.isAdmin() && customerId != null) c.mustSee(customerId, "customer " + customerId);
      reg = agents.register(c.actor(), c.isAdmin() ? customerId : c.customer(), req);
    } else {
      if (code == null)
        throw new AuthenticationException("missing credentials: register with a customer's Authorization: Bearer"
            + " token or a registrationCode from POST /api/agents/registration-codes");
      reg = agents.registerWithCode(code, customerId, req);
    }
    Agent a = reg.agent();
    Envelope.created(ctx, new Registered(AgentView.of(a, agents.status(a)), reg.apiKey(),
        new Mtls(true, AgentCsr.template(a.id()), AgentCsr.ENDPOINT)));
  }

  private void heartbeat(Context ctx) {
    ApiCaller c = ApiCaller.agent(ctx);
    ApiBody body = ApiBody.of(ctx, HEARTBEAT_FIELDS);
    // the status an agent reports is checked but not stored: the face computes it from the heartbeats
    String status = body.optionalString("status", 20);
    if (status != null) AgentStatus.of("status", status);
    Long interval = body.longValue("heartbeatInterval");
    if (interval != null && (interval < 1 || interval > Integer.MAX_VALUE))
      throw ApiBody.invalid("heartbeatInterval", "heartbeatInterval must be a positive number of seconds");
    Agent a = agents.heartbeat(c.agentId(), new Heartbeat(body.number("load"), body.longValue("memory"),
        body.string("version"), interval == null ? null : interval.intValue()));
    Envelope.ok(ctx, view(a));
  }

  private void list(Context ctx) {
    ApiCaller c = ApiCaller.person(ctx);
    String s = ctx.queryParam("status");
    AgentStatus status = s == null || s.isEmpty() ? null : AgentStatus.of("status", s);
    var statusNow = agents.statusNow();
    Envelope.page(ctx, agents.list(c.tenant(), status, Paging.of(ctx)), a -> AgentView.of(a, statusNow.apply(a)));
  }

  /** The agent of the path, or 404 when it does not exist or the caller may not see it. */
  private Agent visible(Context ctx, ApiCaller c) {
    String id = ctx.pathParam("id");
    Agent a = agents.get(id);
    c.mustSee(a.customer(), "agent " + id);
    return a;
  }

  private AgentView view(Agent a) {
    return AgentView.of(a, agents.status(a));
  }
}
