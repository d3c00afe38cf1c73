package ferry.httpd;

import ferry.core.auth.Cidr;
import java.security.KeyStore;
import java.util.List;

/**
 * The HTTP listener.
 *
 * @param keyStore the TLS certificate and key (alias "ferry"), or null for plain HTTP
 * @param keyStorePassword the password of {@code keyStore}
 * @param maxBodyBytes larger request bodies get 413
 * @param trustedProxies reverse proxies whose X-Forwarded-For / Forwarded headers are believed
 * @param clientCa the agent CA: over TLS, clients may (not must) present a certificate it signed; null for none
 */
public record HttpConfig(String host, int port, KeyStore keyStore, char[] keyStorePassword, long maxBodyBytes,
    List<Cidr> trustedProxies, java.security.cert.X509Certificate clientCa) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 44399;
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

  public HttpConfig {
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
  }

  public boolean tls() {
    return keyStore != null;
  }
}
