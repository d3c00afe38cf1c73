package ferry.core.agent;

import ferry.core.error.ConflictException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import java.time.Instant;
import java.util.Optional;

/** Storage port of agents and their registration codes. */
public interface AgentRepository {
  /**
   * Stores a new agent.
   *
   * @throws ConflictException when its customer already has an active agent of that name
   */
  void insert(Agent agent);

  /**
   * Uses the registration code {@code codeHash} of {@code agent.customer()} and stores the agent,
   * both or neither: a code is used by one registration only, however many race for it.
   *
   * @return false when the code is unknown, of another customer, used or expired at {@code now}
   * @throws ConflictException when the customer already has an active agent of that name (the code stays unused)
   */
  boolean insertUsingCode(Agent agent, String codeHash, Instant now);

  /** The active agent {@code id}. */
  Optional<Agent> find(String id);

  /** The active agent whose key hashes to {@code keyHash}. */
  Optional<Agent> findByKeyHash(String keyHash);

  /** A page of active agents, oldest first. */
  Page<Agent> list(AgentQuery query, PageRequest page);

  /** Stores what a heartbeat changes (version, load, memory, interval, last heartbeat) of an active agent. */
  boolean updateHeartbeat(Agent agent);

  /** Records the client certificate of an active agent. */
  boolean updateCertificate(String id, String fingerprint, Instant notAfter);

  /** Revokes the active agent {@code id} at {@code at}; false when there is none. */
  boolean revoke(String id, Instant at);

  /** Stores a new registration code and drops the codes that expired before {@code pruneBefore}. */
  void insertCode(RegistrationCode code, Instant pruneBefore);

  /** The registration code hashing to {@code codeHash}, used or not. */
  Optional<RegistrationCode> findCode(String codeHash);
}
