package ferry.core.schedule;

import java.util.Optional;

/** Port to the agents: which customer owns an agent, so that its jobs belong to that customer. */
@FunctionalInterface
public interface AgentOwners {
  /** No agents known (a server without the agents part): every agent job is refused. */
  AgentOwners NONE = id -> Optional.empty();

  /**
   * The customer owning the agent.
   *
   * @return empty when no active agent has this id
   */
  Optional<String> customerOf(String agentId);
}
