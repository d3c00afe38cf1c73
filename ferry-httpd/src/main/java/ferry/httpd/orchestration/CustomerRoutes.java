package ferry.httpd.orchestration;

import ferry.core.customer.CustomerService;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/**
 * The customer role, granted and taken by admins: {@code GET /api/customers}, {@code PUT} and
 * {@code DELETE /api/customers/{username}}. A customer sees itself only.
 */
final class CustomerRoutes {
  private final CustomerService customers;

  CustomerRoutes(CustomerService customers) {
    this.customers = customers;
  }

  void register(RoutesConfig r) {
    r.get("/api/customers", ctx -> {
      ApiCaller c = ApiCaller.person(ctx);
      Envelope.ok(ctx, c.isAdmin() ? customers.list() : java.util.List.of(c.customer()));
    });
    r.put("/api/customers/{username}", ctx -> {
      ApiCaller.admin(ctx);
      String name = ctx.pathParam("username");
      boolean was = customers.isCustomer(name);
      customers.grant(name);
      Map<String, Object> data = Map.of("username", name, "customer", true);
      if (was) Envelope.ok(ctx, data);
      else Envelope.created(ctx, data);
    });
    r.delete("/api/customers/{username}", ctx -> {
      ApiCaller.admin(ctx);
      String name = ctx.pathParam("username");
      customers.revoke(name);
      Envelope.ok(ctx, Map.of("username", name, "customer", false));
    });
  }
}
