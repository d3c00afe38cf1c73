package ferry.web.admin.automation;

import ferry.core.agent.Agent;
import ferry.core.agent.AgentService;
import ferry.core.agent.CreatedCode;
import ferry.core.agent.certificate.AgentCertificateService;
import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;

/** Agents: the list with online/offline, one agent, revoking it, and a registration code shown once. */
final class AgentPages {
  private static final String BASE = "/web/admin/agents";

  private final AgentService agents;
  private final AgentCertificateService certificates;

  AgentPages(AgentService agents, AgentCertificateService certificates) {
    this.agents = agents;
    this.certificates = certificates;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      list(ctx, page, null, Map.of(), "", 200);
    });
    web.post(BASE + "/codes", Access.ADMIN, this::createCode);
    web.get(BASE + "/{id}", Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      Agent a = agents.get(ctx.pathParam("id"));
      Pages.render(ctx, "admin/automation/agent.jte", Auto.model(page, "row", new AgentRow(a, agents.status(a).wire())));
    });
    web.post(BASE + "/{id}/revoke", Access.ADMIN, (ctx, page) -> {
      var actor = Auto.admin(ctx).actor();
      Agent a = agents.get(ctx.pathParam("id"));
      agents.revoke(actor, a.id());
      certificates.revoke(a.id()); // as DELETE /api/agents/{id} does
      Auto.redirect(ctx, BASE);
    });
  }

  private void createCode(Context ctx, ferry.web.frame.Page page) {
    var actor = Auto.admin(ctx).actor();
    String customer = Auto.field(ctx, "customer");
    String minutes = Auto.field(ctx, "expiresInMinutes");
    try {
      if (customer == null) throw new ValidationException("customer is required", Map.of("field", "customer"));
      Duration life = null;
      if (minutes != null) {
        try {
          life = Duration.ofMinutes(Long.parseLong(minutes));
        } catch (NumberFormatException e) {
          throw new ValidationException("expiresInMinutes must be a whole number", Map.of("field", "expiresInMinutes"));
        }
      }
      CreatedCode code = agents.createCode(actor, customer, life);
      ctx.header("Cache-Control", "no-store");
      list(ctx, page, code, Map.of(), "", 201);
    } catch (ValidationException e) {
      list(ctx, page, null, Auto.errors(e, page.messages(), "customer"), customer == null ? "" : customer, 422);
    }
  }

  private void list(Context ctx, ferry.web.frame.Page page, CreatedCode code, Map<String, String> errors,
      String customer, int status) {
    Page<Agent> result = agents.list(null, null, Auto.paging(ctx));
    var now = agents.statusNow();
    ctx.status(status);
    Pages.render(ctx, "admin/automation/agents.jte", Auto.model(page, "result", result,
        "rows", result.items().stream().map(a -> new AgentRow(a, now.apply(a).wire())).toList(),
        "code", code, "errors", errors, "customer", customer));
  }
}
