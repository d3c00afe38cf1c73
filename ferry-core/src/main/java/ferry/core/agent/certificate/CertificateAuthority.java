package ferry.core.agent.certificate;

import java.security.cert.X509Certificate;

/**
 * The agent CA: signs the client certificates agents present on the HTTPS listener. Implemented
 * where the X.509 toolkit lives (ferry-server); the core keeps the rules of who gets what.
 */
public interface CertificateAuthority {
  /** The CA certificate, which the HTTPS listener trusts for client certificates. */
  X509Certificate certificate();

  /** The CA certificate as PEM, for agents and for {@code GET /api/agents/ca}. */
  String certificatePem();

  /**
   * Signs the public key of {@code csrPem} into a client certificate for {@code agentId}; the
   * request's subject is ignored (the CN is always the agent id).
   *
   * @throws ferry.core.error.ValidationException when the text is no PEM PKCS#10 request, its
   *     signature does not verify, or its key is not one the CA accepts
   */
  SignedCertificate sign(String agentId, String csrPem);
}
