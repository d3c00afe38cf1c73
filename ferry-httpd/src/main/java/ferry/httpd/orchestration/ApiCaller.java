package ferry.httpd.orchestration;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import io.javalin.http.Context;

/**
 * Who calls the orchestration face (/api): an admin (a JWT from {@code /api/v2/token} or a Ferry
 * admin API key), a customer (a file-server user with the customer role, with its token from
 * {@code /api/v2/user/token}), or an agent (its {@code mft_ak_} key or its client certificate).
 * {@link OrchestrationAuth} sets it on every request that brought credentials.
 *
 * <p>Tenancy: a customer and its agents see only what the customer owns; whatever another
 * customer owns answers 404 ({@link #mustSee}), so ids of other tenants cannot be probed.
 *
 * @param name the admin's or customer's username, or the agent's name
 * @param customer the owning customer's username (the customer itself, or the agent's owner); null for an admin
 * @param agentId the agent's id; null unless an agent calls
 */
public record ApiCaller(Kind kind, String name, String customer, String agentId, Via via, Actor actor) {
  public enum Kind { ADMIN, CUSTOMER, AGENT }

  public enum Via { TOKEN, API_KEY, CLIENT_CERTIFICATE }

  static final String ATTRIBUTE = "ferry.api.caller";

  public ApiCaller {
    requireNonNull(kind, "No caller kind");
    requireNonNull(name, "No caller name");
    requireNonNull(via, "No way of proof");
    requireNonNull(actor, "No actor");
    if (kind != Kind.ADMIN) requireNonNull(customer, "No customer of a customer or an agent");
    if (kind == Kind.AGENT) requireNonNull(agentId, "No agent id");
  }

  public boolean isAdmin() {
    return kind == Kind.ADMIN;
  }

  /** The customer whose objects this caller is limited to; null for an admin, who sees all. */
  public String tenant() {
    return isAdmin() ? null : customer;
  }

  /**
   * Refuses a caller who may not see an object of {@code owner} as if the object did not exist.
   *
   * @param what the object, for the message, e.g. "agent 0f3c..."
   */
  public void mustSee(String owner, String what) {
    if (!isAdmin() && !customer.equals(owner)) throw new NotFoundException(what + " does not exist");
  }

  /** The authenticated caller of this request; 401 when it brought no credentials. */
  public static ApiCaller of(Context ctx) {
    ApiCaller c = ctx.attribute(ATTRIBUTE);
    if (c == null)
      throw new AuthenticationException("missing credentials: send Authorization: Bearer <JWT> (admins from GET"
          + " /api/v2/token, customers from GET /api/v2/user/token), an agent's X-API-Key, or over HTTPS an agent's"
          + " client certificate");
    return c;
  }

  /** The caller if it brought credentials (routes that also serve the public, such as registration). */
  public static java.util.Optional<ApiCaller> optional(Context ctx) {
    return java.util.Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }

  /** The calling admin; 403 for anyone else. */
  public static ApiCaller admin(Context ctx) {
    ApiCaller c = of(ctx);
    if (c.kind != Kind.ADMIN) throw new PermissionDeniedException("only an admin may do this");
    return c;
  }

  /** An admin or a customer (a person with a JWT); 403 for an agent. */
  public static ApiCaller person(Context ctx) {
    ApiCaller c = of(ctx);
    if (c.kind == Kind.AGENT) throw new PermissionDeniedException("an agent key may not do this; use an admin or customer token");
    return c;
  }

  /** The calling agent; 403 for a person. */
  public static ApiCaller agent(Context ctx) {
    ApiCaller c = of(ctx);
    if (c.kind != Kind.AGENT) throw new PermissionDeniedException("only an agent may do this, with its X-API-Key");
    return c;
  }

  static void set(Context ctx, ApiCaller c) {
    ctx.attribute(ATTRIBUTE, c);
  }
}
