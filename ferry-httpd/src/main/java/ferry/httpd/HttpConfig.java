package ferry.httpd;

import java.security.KeyStore;

/**
 * The HTTP listener.
 *
 * @param keyStore the TLS certificate and key (alias "ferry"), or null for plain HTTP
 * @param keyStorePassword the password of {@code keyStore}
 * @param maxBodyBytes larger request bodies get 413
 */
public record HttpConfig(String host, int port, KeyStore keyStore, char[] keyStorePassword, long maxBodyBytes) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 44399;
  public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;

  public boolean tls() {
    return keyStore != null;
  }
}
