package ferry.core.agent;

/** A new agent and its key, which is shown this once: only its hash is stored. */
public record RegisteredAgent(Agent agent, String apiKey) {
  @Override
  public String toString() {
    return "RegisteredAgent[agent=" + agent.id() + ", apiKey=***]";
  }
}
