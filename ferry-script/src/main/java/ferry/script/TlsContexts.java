package ferry.script;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the {@link SSLContext} of each {@link TlsTrust} mode. */
final class TlsContexts {
  private TlsContexts() {}

  /** Accepts every server certificate and host name. */
  static SSLContext trustAll() throws GeneralSecurityException {
    return withTrustManagers(new TrustManager[] {new TrustAllManager()});
  }

  /**
   * Trusts exactly the certificates in {@code pem} (one or more {@code BEGIN CERTIFICATE} blocks).
   * Host names are still verified against the certificate.
   *
   * @throws CertificateException if {@code pem} holds no readable certificate
   */
  static SSLContext trusting(String pem) throws GeneralSecurityException {
    Collection<? extends Certificate> certificates =
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(pem.trim().getBytes(StandardCharsets.US_ASCII)));
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate in the PEM text");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("Cannot create an empty key store", e);
    }
    int i = 0;
    for (Certificate certificate : certificates) {
      store.setCertificateEntry("trusted-" + i++, certificate);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return withTrustManagers(factory.getTrustManagers());
  }

  private static SSLContext withTrustManagers(TrustManager[] managers)
      throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, managers, null);
    return context;
  }

  /**
   * Accepts everything. It must be an {@link X509ExtendedTrustManager}: for a plain {@code
   * X509TrustManager} the JDK would still verify the host name.
   */
  private static final class TrustAllManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("Used for server certificates only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("Used for server certificates only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("Used for server certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      accept();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      accept();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      accept();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }

    private static void accept() {
      // InsecureSkipVerify: the script asked to accept any server certificate.
    }
  }
}
