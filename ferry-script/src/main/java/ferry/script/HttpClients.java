package ferry.script;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The JDK HTTP clients of the engine, one per TLS trust mode, created on first use and shared by
 * all runs (each client owns a selector thread and a connection pool). Clients for {@code
 * TrustCertPEM} are kept per PEM text, for the most recently used few.
 */
final class HttpClients implements AutoCloseable {
  static final int MAX_PEM_CLIENTS = 16;

  private final Duration connectTimeout;
  private final Map<String, HttpClient> pemClients =
      new LinkedHashMap<>(MAX_PEM_CLIENTS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HttpClient> eldest) {
          // Not shut down: a run may still use it; the JDK stops an unreachable client itself.
          return size() > MAX_PEM_CLIENTS;
        }
      };
  private HttpClient systemDefault;
  private HttpClient trustAll;
  private boolean closed;

  HttpClients(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * Returns the shared client for {@code trust}.
   *
   * @throws GeneralSecurityException if the PEM text holds no usable certificate
   */
  synchronized HttpClient client(TlsTrust trust) throws GeneralSecurityException {
    if (closed) {
      throw new IllegalStateException("The script engine is closed");
    }
    return switch (trust) {
      case TlsTrust.SystemDefault d -> {
        if (systemDefault == null) {
          systemDefault = build(SSLContext.getDefault());
        }
        yield systemDefault;
      }
      case TlsTrust.TrustAll a -> {
        if (trustAll == null) {
          trustAll = build(TlsContexts.trustAll());
        }
        yield trustAll;
      }
      case TlsTrust.PemCertificates p -> {
        String key = p.pem().trim();
        HttpClient client = pemClients.get(key);
        if (client == null) {
          client = build(TlsContexts.trusting(key));
          pemClients.put(key, client);
        }
        yield client;
      }
    };
  }

  @Override
  public void close() {
    List<HttpClient> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(pemClients.values());
      pemClients.clear();
      if (systemDefault != null) {
        all.add(systemDefault);
      }
      if (trustAll != null) {
        all.add(trustAll);
      }
    }
    all.forEach(HttpClient::shutdownNow);
  }

  private HttpClient build(SSLContext ssl) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        // HttpSender follows redirects itself, to keep credentials and bodies at their origin.
        .followRedirects(HttpClient.Redirect.NEVER)
        .sslContext(ssl)
        .build();
  }
}
