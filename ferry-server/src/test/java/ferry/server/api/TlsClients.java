package ferry.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/** HTTPS clients of a test server: trusting its generated certificate, with or without a client certificate. */
public final class TlsClients {
  private TlsClients() {}

  /** A client trusting the server certificate in {@code serverCertPem} and presenting none of its own. */
  public static HttpClient trusting(Path serverCertPem) {
    return client(context(serverCertPem, null));
  }

  /**
   * A client presenting {@code chain} (leaf first) with {@code key} whenever the server asks,
   * whichever CAs the server names: so a certificate from another CA is presented too.
   */
  public static HttpClient presenting(Path serverCertPem, PrivateKey key, X509Certificate... chain) {
    return client(context(serverCertPem, new Presenting(key, chain)));
  }

  private static HttpClient client(SSLContext ctx) {
    return HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static SSLContext context(Path serverCertPem, KeyManager keys) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(serverCertPem)) {
        trust.setCertificateEntry("ferry", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys == null ? null : new KeyManager[] {keys}, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One key and chain, offered for any client-certificate request. */
  private static final class Presenting extends X509ExtendedKeyManager {
    private static final String ALIAS = "agent";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    Presenting(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain.clone();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return chain.clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return key;
    }
  }
}
