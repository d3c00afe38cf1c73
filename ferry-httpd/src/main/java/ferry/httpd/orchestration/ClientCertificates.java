package ferry.httpd.orchestration;

import io.javalin.http.Context;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The client certificate a request came with over TLS. The listener has already checked its chain
 * against the agent CA, the only CA it trusts for clients, so a certificate here was issued by
 * Ferry; whether it is still its agent's is for {@link OrchestrationAuth} to check.
 */
final class ClientCertificates {
  /** Where the servlet layer puts the verified chain, leaf first. */
  static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  private ClientCertificates() {}

  static Optional<X509Certificate> of(Context ctx) {
    if (!(ctx.req().getAttribute(ATTRIBUTE) instanceof X509Certificate[] chain) || chain.length == 0)
      return Optional.empty();
    return Optional.of(chain[0]);
  }

  /** The agent id the agent CA wrote as the certificate's CN, or empty for another subject. */
  static Optional<String> agentId(X509Certificate cert) {
    String name = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    // the CA writes exactly one RDN, CN=<agent id>; ids are UUIDs, with nothing to escape
    if (!name.startsWith("CN=") || name.indexOf(',') >= 0 || name.indexOf('+') >= 0) return Optional.empty();
    return Optional.of(name.substring(3));
  }
}
