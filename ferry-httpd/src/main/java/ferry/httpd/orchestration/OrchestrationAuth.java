package ferry.httpd.orchestration;

import ferry.core.admin.AdminPermission;
import ferry.core.admin.AdminService;
import ferry.core.agent.Agent;
import ferry.core.agent.AgentService;
import ferry.core.agent.certificate.AgentCertificate;
import ferry.core.agent.certificate.AgentCertificateService;
import ferry.core.agent.certificate.AgentCsr;
import ferry.core.account.UserLogins;
import ferry.core.auth.Actor;
import ferry.core.auth.ApiKeyService;
import ferry.core.auth.Cidr;
import ferry.core.auth.Defender;
import ferry.core.auth.Role;
import ferry.core.auth.token.Audience;
import ferry.core.auth.token.TokenService;
import ferry.core.auth.token.VerifiedToken;
import ferry.core.customer.CustomerService;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import ferry.httpd.HttpServices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every matched orchestration request (/api, not /api/v2) before its route runs and
 * sets its {@link ApiCaller}: a JWT of an admin or a customer ({@code Authorization: Bearer}, the
 * same tokens as /api/v2), an agent's {@code mft_ak_} key or a Ferry admin key ({@code X-API-Key}), or,
 * over HTTPS with no other credentials, an agent's client certificate signed by the agent CA.
 * Requests without credentials go on without a caller: public routes serve them, the others answer
 * 401 through {@link ApiCaller#of}. Bad tokens and keys count toward the Defender's ban, and a
 * banned source is refused on every route but the health check.
 */
public final class OrchestrationAuth {
  static final String PREFIX = "/api";
  /** What every agent key starts with (seed 003). */
  public static final String AGENT_KEY_PREFIX = "mft_ak_";

  private final TokenService tokens;
  private final AdminService admins;
  private final UserLogins logins;
  private final CustomerService customers;
  private final ApiKeyService apiKeys;
  private final Defender defender;
  private final AgentService agents;
  private final AgentCertificateService certificates;

  public OrchestrationAuth(HttpServices services) {
    this.tokens = services.tokens();
    this.admins = services.admins();
    this.logins = new UserLogins(services.users());
    this.customers = services.customers();
    this.apiKeys = services.apiKeys();
    this.defender = services.defender();
    this.agents = services.agents();
    this.certificates = services.agentCertificates();
  }

  public void register(RoutesConfig r) {
    r.beforeMatched(PREFIX + "/*", this::authenticate);
  }

  void authenticate(Context ctx) {
    if (!isOrchestration(ctx.path()) || ctx.path().equals(PREFIX + "/health")) return;
    String ip = ctx.ip();
    String auth = ctx.header("Authorization");
    String key = ctx.header("X-API-Key");
    // as on /v1: the data dir's CLI key is how this machine's admin lifts a ban of its own address
    if (defender.isBanned(ip) && !apiKeys.isLocalKey(key == null ? null : key.trim()))
      throw new PermissionDeniedException("requests from " + ip + " are blocked for a while after repeated invalid"
          + " tokens or keys; try again later");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ApiCaller.set(ctx, scored(ip, () -> bearer(auth.substring(7).trim(), ip)));
    } else if (key != null && !key.isBlank()) {
      Optional<X509Certificate> cert = ClientCertificates.of(ctx);
      ApiCaller.set(ctx, scored(ip, () -> sameAgent(apiKey(key.trim(), ip), cert)));
    } else {
      Optional<X509Certificate> cert = ClientCertificates.of(ctx);
      if (cert.isPresent()) ApiCaller.set(ctx, scored(ip, () -> certificate(cert.get(), ip)));
    }
  }

  /** Whether {@code path} belongs to this face rather than to the file server's /api/v2. */
  static boolean isOrchestration(String path) {
    return (path.equals(PREFIX) || path.startsWith(PREFIX + "/"))
        && !(path.equals(PREFIX + "/v2") || path.startsWith(PREFIX + "/v2/"));
  }

  private ApiCaller bearer(String token, String ip) {
    VerifiedToken t = tokens.verify(token, EnumSet.of(Audience.ADMIN, Audience.USER));
    String name = t.username();
    if (t.audience() == Audience.ADMIN) {
      Set<AdminPermission> permissions = admins.tokenPermissions(name, ip).orElseThrow(() ->
          new AuthenticationException("the admin of this token is disabled, deleted, or not allowed from " + ip));
      return admin(name, permissions, ApiCaller.Via.TOKEN, AdminService.actorOf(name, ip));
    }
    Optional<String> refusal = logins.tokenRefusal(name, ip);
    if (refusal.isPresent()) throw new AuthenticationException(refusal.get());
    if (!customers.isCustomer(name))
      throw new PermissionDeniedException("user " + name + " is not a customer; an admin grants the role with"
          + " PUT /api/customers/" + name + " or `ferry customer add " + name + "`");
    return new ApiCaller(ApiCaller.Kind.CUSTOMER, name, name, null, ApiCaller.Via.TOKEN,
        new Actor("user:" + name, ip, Role.USER));
  }

  private ApiCaller apiKey(String key, String ip) {
    if (key.startsWith(AGENT_KEY_PREFIX)) return agent(key, ip);
    InetAddress address = Cidr.address(ip);
    if (address == null) throw new AuthenticationException("cannot read the caller's address");
    Actor actor = apiKeys.authenticate(key, address);
    if (!actor.isAdmin()) throw new PermissionDeniedException("this API key is not an admin key");
    return admin(actor.who(), Set.of(AdminPermission.ALL), ApiCaller.Via.API_KEY, actor);
  }

  private ApiCaller agent(String key, String ip) {
    Agent a = agents.authenticate(key).orElseThrow(() -> new AuthenticationException("invalid or revoked agent key"));
    return agentCaller(a, ApiCaller.Via.API_KEY, ip);
  }

  /**
   * An agent by its client certificate alone (mTLS). The listener checked that the agent CA signed
   * it; it must also be the agent's current certificate (not replaced, revoked or expired), and the
   * agent must still be active and of a customer.
   */
  private ApiCaller certificate(X509Certificate cert, String ip) {
    AgentCertificate recorded = certificates.recorded(cert).orElseThrow(() -> new AuthenticationException(
        "this client certificate is not, or no longer, an agent's: ask for a new one with POST " + AgentCsr.ENDPOINT));
    Agent a = agents.authenticateCertificate(recorded.agentId(), recorded.fingerprint()).orElseThrow(() ->
        new AuthenticationException("the agent of this client certificate is deleted, or its customer lost the role"));
    return agentCaller(a, ApiCaller.Via.CLIENT_CERTIFICATE, ip);
  }

  /** An agent key sent with a client certificate: both must name the same agent. */
  private static ApiCaller sameAgent(ApiCaller byKey, Optional<X509Certificate> cert) {
    if (cert.isEmpty() || byKey.kind() != ApiCaller.Kind.AGENT) return byKey;
    if (!ClientCertificates.agentId(cert.get()).filter(byKey.agentId()::equals).isPresent())
      throw new AuthenticationException("the client certificate and the X-API-Key are of different agents");
    return byKey;
  }

  private static ApiCaller agentCaller(Agent a, ApiCaller.Via via, String ip) {
    return new ApiCaller(ApiCaller.Kind.AGENT, a.name(), a.customer(), a.id(), via,
        new Actor("agent:" + a.id(), ip, Role.USER));
  }

  /**
   * The orchestration face has no per-permission model (agents, jobs and scripts reach every
   * customer's data), so, as on /v1, only a super admin ({@code *}) may use it.
   */
  private static ApiCaller admin(String name, Set<AdminPermission> permissions, ApiCaller.Via via, Actor actor) {
    if (!permissions.contains(AdminPermission.ALL))
      throw new PermissionDeniedException("admin " + name + " lacks the \"*\" permission this API needs");
    return new ApiCaller(ApiCaller.Kind.ADMIN, name, null, null, via, actor);
  }

  private <T> T scored(String ip, java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (AuthenticationException e) {
      defender.record(ip, Defender.Event.BAD_REQUEST);
      throw e;
    }
  }
}
