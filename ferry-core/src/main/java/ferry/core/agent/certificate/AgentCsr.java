package ferry.core.agent.certificate;

/**
 * What an agent's certificate signing request must be, told to it in the registration answer's
 * {@code mtls.csrTemplate}: the CA accepts EC P-256 keys, and names the certificate after the agent
 * whatever subject the request carries.
 */
public final class AgentCsr {
  /** The endpoint the agent posts its request to. */
  public static final String ENDPOINT = "/api/agents/certificate";
  public static final String KEY_TYPE = "EC";
  public static final String CURVE = "P-256";
  public static final String SIGNATURE = "SHA256withECDSA";

  private AgentCsr() {}

  /**
   * One line of {@code key=value} pairs separated by {@code ;}, e.g. {@code
   * subject=CN=0f3c...;keyType=EC;curve=P-256;signature=SHA256withECDSA;format=PEM PKCS#10;endpoint=...}.
   */
  public static String template(String agentId) {
    return "subject=CN=" + agentId + ";keyType=" + KEY_TYPE + ";curve=" + CURVE + ";signature=" + SIGNATURE
        + ";format=PEM PKCS#10;endpoint=POST " + ENDPOINT + " {\"csr\":\"<PEM>\"}";
  }
}
