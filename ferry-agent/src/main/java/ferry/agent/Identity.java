package ferry.agent;

import static java.util.Objects.requireNonNull;

/**
 * Who this agent is at its server: kept in {@code <data-dir>/agent.json} (mode 600).
 *
 * @param agentId the id the server gave at registration
 * @param name the name it registered under
 * @param apiKey its {@code mft_ak_} key, shown once by the server
 * @param server the server it registered with, so that a data dir is not pointed at another one by mistake
 */
record Identity(String agentId, String name, String apiKey, String server) {
  Identity {
    requireNonNull(agentId, "No agent id");
    requireNonNull(name, "No name");
    requireNonNull(apiKey, "No API key");
    requireNonNull(server, "No server");
  }

  @Override
  public String toString() {
    return "Identity[" + agentId + ", " + name + "]"; // never the key
  }
}
