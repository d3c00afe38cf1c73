package ferry.core.agent.certificate;

/**
 * What an agent's certificate signing request must be, told to it in the registration answer's
 * {@code mtls.csrTemplate}: the CA accepts EC P-256 keys, and names the certificate after the agent
 * whatever subject the request carries.
 */
public final class AgentCsr {
  /** The endpoint the agent posts its request to. */
  public static final String ENDPOINT = "/api/agents/certificate";
  public static final String CURVE = "P-256";

  private AgentCsr() {}

  /**
   * The request to make, as the OpenSSL command that makes it (a fresh EC P-256 key, subject {@code
   * CN=<agent id>}); an agent with its own toolkit makes the same (ferry-agent does, with Bouncy Castle).
   */
  public static String template(String agentId) {
    return "openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:" + CURVE + " -nodes -keyout agent.key"
        + " -out agent.csr -subj /CN=" + agentId;
  }
}
