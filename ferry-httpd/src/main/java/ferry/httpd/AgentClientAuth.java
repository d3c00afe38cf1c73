package ferry.httpd;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Client certificates on the HTTPS listener (agents' mTLS): asked for but never required, so
 * browsers, the CLI and key-holding agents connect as before; and trusted only when the agent CA
 * signed them, so no public CA can vouch for an agent. Who the certificate names, and whether it
 * is still the agent's, is decided per request (orchestration's {@code OrchestrationAuth}).
 */
final class AgentClientAuth {
  static final String ALIAS = "ferry-agent-ca";

  private AgentClientAuth() {}

  static void configure(SslContextFactory.Server ssl, X509Certificate agentCa) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, agentCa);
      ssl.setTrustStore(trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot trust the agent CA: " + e.getMessage(), e);
    }
    ssl.setWantClientAuth(true);
    ssl.setNeedClientAuth(false);
  }
}
