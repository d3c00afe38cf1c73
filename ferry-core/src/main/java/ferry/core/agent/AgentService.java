package ferry.core.agent;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.customer.CustomerService;
import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.settings.SettingsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents of customers (SPEC §4, seed 003): registration with a customer's credentials or a one-time
 * registration code, the {@code mft_ak_} key that authenticates them (shown once, stored hashed),
 * heartbeats, listings and revocation. Whether an agent is online is computed on read from its last
 * heartbeat and the run-time setting {@link #OFFLINE_AFTER_MISSED}.
 */
public final class AgentService {
  /** What every agent key starts with. */
  public static final String KEY_PREFIX = AgentSecrets.KEY_PREFIX;
  /** The run-time setting: how many heartbeat intervals an agent may miss before it is offline. */
  public static final String OFFLINE_AFTER_MISSED = "agents.offline_after_missed";
  public static final int DEFAULT_OFFLINE_AFTER_MISSED = 3;
  public static final Duration DEFAULT_CODE_LIFETIME = Duration.ofMinutes(60);
  public static final Duration MAX_CODE_LIFETIME = Duration.ofDays(7);
  /** How long used and expired codes are kept before they are pruned. */
  static final Duration CODE_RETENTION = Duration.ofDays(1);
  private static final String BAD_CODE = "invalid, used or expired registration code";
  private static final Logger log = LoggerFactory.getLogger(AgentService.class);

  private final AgentRepository repo;
  private final CustomerService customers;
  private final SettingsService settings;
  private final Clock clock;

  public AgentService(AgentRepository repo, CustomerService customers, SettingsService settings, Clock clock) {
    this.repo = requireNonNull(repo, "No agent repository");
    this.customers = requireNonNull(customers, "No customer service");
    this.settings = requireNonNull(settings, "No settings");
    this.clock = requireNonNull(clock, "No clock");
  }

  /**
   * Makes a one-time registration code for {@code customer}, valid for {@code lifetime}.
   *
   * @param lifetime null for {@link #DEFAULT_CODE_LIFETIME}; at most {@link #MAX_CODE_LIFETIME}
   * @throws ferry.core.error.ValidationException for a lifetime out of range or a user that is no customer
   */
  public CreatedCode createCode(Actor actor, String customer, Duration lifetime) {
    Duration life = lifetime == null ? DEFAULT_CODE_LIFETIME : lifetime;
    if (life.compareTo(Duration.ofMinutes(1)) < 0 || life.compareTo(MAX_CODE_LIFETIME) > 0)
      throw AgentInput.invalid("expiresInMinutes", "expiresInMinutes must be between 1 and "
          + MAX_CODE_LIFETIME.toMinutes() + ", got " + life.toMinutes());
    requireCustomer(customer, "customer");
    Instant now = clock.instant();
    String code = AgentSecrets.newCode();
    Instant expires = now.plus(life);
    repo.insertCode(new RegistrationCode(AgentSecrets.hash(code), customer, actor.who(), now, expires, null),
        now.minus(CODE_RETENTION));
    log.info("registration code for customer {} made by {}, valid until {}", customer, actor.who(), expires);
    return new CreatedCode(code, customer, expires);
  }

  /**
   * Registers an agent of {@code customer} for a caller already allowed to act for it (the customer
   * itself or an admin).
   *
   * @throws ferry.core.error.ConflictException when the customer has an agent of that name
   */
  public RegisteredAgent register(Actor actor, String customer, NewAgent request) {
    NewAgent req = AgentInput.check(request);
    requireCustomer(customer, "customerIdentifier");
    String key = AgentSecrets.newKey();
    Agent agent = newAgent(customer, req, key);
    repo.insert(agent);
    log.info("agent {} ({}) of customer {} registered by {}", agent.name(), agent.id(), customer, actor.who());
    return new RegisteredAgent(agent, key);
  }

  /**
   * Registers an agent with a registration code, which names its customer and is used up.
   *
   * @param customerIdentifier null, or the customer the agent expects, which must be the code's
   * @throws AuthenticationException for an unknown, used or expired code or a customer that does not match
   */
  public RegisteredAgent registerWithCode(String code, String customerIdentifier, NewAgent request) {
    NewAgent req = AgentInput.check(request);
    Instant now = clock.instant();
    String hash = AgentSecrets.hash(code);
    RegistrationCode c = repo.findCode(hash)
        .filter(rc -> rc.usableAt(now))
        .filter(rc -> customerIdentifier == null || customerIdentifier.equals(rc.customer()))
        .filter(rc -> customers.isCustomer(rc.customer()))
        .orElseThrow(() -> new AuthenticationException(BAD_CODE));
    String key = AgentSecrets.newKey();
    Agent agent = newAgent(c.customer(), req, key);
    if (!repo.insertUsingCode(agent, hash, now)) throw new AuthenticationException(BAD_CODE);
    log.info("agent {} ({}) of customer {} registered with a code", agent.name(), agent.id(), c.customer());
    return new RegisteredAgent(agent, key);
  }

  /**
   * Records a heartbeat of the active agent {@code agentId}.
   *
   * @throws NotFoundException when the agent was revoked meanwhile
   */
  public Agent heartbeat(String agentId, Heartbeat report) {
    Heartbeat h = AgentInput.check(report);
    Agent a = get(agentId);
    Agent beat = a.withHeartbeat(clock.instant(), h.load(), h.memory(), h.version(), h.heartbeatInterval());
    if (!repo.updateHeartbeat(beat)) throw new NotFoundException("agent " + agentId + " does not exist");
    return beat;
  }

  /**
   * A page of active agents.
   *
   * @param customer only this customer's; null for all
   * @param status only those in this status now; null for all
   */
  public Page<Agent> list(String customer, AgentStatus status, PageRequest page) {
    return repo.list(new AgentQuery(customer, status, clock.instant(), missedAllowed()), page);
  }

  /** The active agent {@code id}. */
  public Optional<Agent> find(String id) {
    return id == null ? Optional.empty() : repo.find(id);
  }

  /** The active agent {@code id}, or NotFoundException. */
  public Agent get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("agent " + id + " does not exist"));
  }

  /**
   * The active agent whose key is {@code key}; empty for anything else (unknown, revoked, not an
   * agent key, or an agent whose customer lost the role, since it acts for its customer).
   */
  public Optional<Agent> authenticate(String key) {
    if (key == null || !key.startsWith(KEY_PREFIX)) return Optional.empty();
    return repo.findByKeyHash(AgentSecrets.hash(key)).filter(a -> customers.isCustomer(a.customer()));
  }

  /**
   * The active agent {@code id} whose recorded client certificate has {@code fingerprint} (SHA-256
   * hex, any case); empty otherwise, as for {@link #authenticate}.
   */
  public Optional<Agent> authenticateCertificate(String id, String fingerprint) {
    if (fingerprint == null) return Optional.empty();
    return find(id)
        .filter(a -> a.certificateFingerprint() != null && a.certificateFingerprint().equalsIgnoreCase(fingerprint))
        .filter(a -> customers.isCustomer(a.customer()));
  }

  /**
   * Revokes the agent: its key and certificate stop working at once, on every node, and it leaves
   * the listings; what it reported stays.
   *
   * @throws NotFoundException when no such active agent exists
   */
  public void revoke(Actor actor, String id) {
    if (!repo.revoke(id, clock.instant())) throw new NotFoundException("agent " + id + " does not exist");
    log.info("agent {} revoked by {}", id, actor.who());
  }

  /**
   * Records the client certificate of the active agent {@code id} (the mTLS part signs it).
   *
   * @throws NotFoundException when no such active agent exists
   */
  public Agent recordCertificate(String id, String fingerprint, Instant notAfter) {
    Agent a = get(id);
    if (!repo.updateCertificate(id, fingerprint, notAfter)) throw new NotFoundException("agent " + id + " does not exist");
    return a.withCertificate(fingerprint, notAfter);
  }

  /** The agent's status now. */
  public AgentStatus status(Agent agent) {
    return agent.status(clock.instant(), missedAllowed());
  }

  /** The status of any agent now, the setting read once: for a page of agents. */
  public java.util.function.Function<Agent, AgentStatus> statusNow() {
    Instant now = clock.instant();
    int missed = missedAllowed();
    return a -> a.status(now, missed);
  }

  /** The heartbeat intervals an agent may miss before it is offline: the setting, or the default when unset or invalid. */
  public int missedAllowed() {
    return settings.find(OFFLINE_AFTER_MISSED).map(v -> {
      try {
        int n = Integer.parseInt(v.trim());
        return n >= 1 ? n : DEFAULT_OFFLINE_AFTER_MISSED;
      } catch (NumberFormatException e) {
        log.warn("setting {} is not a whole number: {}; using {}", OFFLINE_AFTER_MISSED, v, DEFAULT_OFFLINE_AFTER_MISSED);
        return DEFAULT_OFFLINE_AFTER_MISSED;
      }
    }).orElse(DEFAULT_OFFLINE_AFTER_MISSED);
  }

  private void requireCustomer(String customer, String field) {
    if (customer == null || customer.isBlank()) throw AgentInput.invalid(field, field + " is required");
    if (!customers.isCustomer(customer))
      throw AgentInput.invalid(field, "no customer named " + customer + "; an admin grants the role with"
          + " PUT /api/customers/" + customer);
  }

  private Agent newAgent(String customer, NewAgent req, String key) {
    int interval = req.heartbeatInterval() == null ? Agent.DEFAULT_HEARTBEAT_INTERVAL : req.heartbeatInterval();
    return new Agent(UUID.randomUUID().toString(), req.name(), req.hostname(), req.os(), req.version(), customer,
        null, null, interval, null, clock.instant(), null, AgentSecrets.hash(key), null, null);
  }
}
