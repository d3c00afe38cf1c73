package ferry.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates the CLI accepts: the system CAs plus the certificate that {@code ferry
 * serve} writes to {@code <data-dir>/tls/server-cert.pem}, or anything at all with {@code
 * --insecure}.
 */
final class TlsTrust {
  static final String CERT_FILE = "tls/server-cert.pem";

  private final Path dataDir;
  private final boolean insecure;

  TlsTrust(Path dataDir, boolean insecure) {
    this.dataDir = dataDir;
    this.insecure = insecure;
  }

  /** The data dir whose certificate is trusted. */
  Path dataDir() {
    return dataDir;
  }

  /** The server certificate file of the data dir, which may not exist. */
  Path certFile() {
    return dataDir.resolve(CERT_FILE);
  }

  /** Builds the SSL context for this trust. */
  SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager trust =
          insecure ? new AnyCertificate() : new DataDirFirstTrust(dataDirTrust(), () -> pkix(null));
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new CliException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The advice printed when a TLS handshake with {@code url} failed. */
  String handshakeAdvice(String url, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return "TLS handshake with "
        + url
        + " failed ("
        + reason
        + "). The server's certificate is not trusted: on the server's machine pass --data-dir"
        + " pointing at its data dir (the CLI then trusts "
        + CERT_FILE
        + " there; looked in "
        + certFile()
        + "), or pass --insecure to accept any certificate (only for servers you know).";
  }

  /** Trust in the data dir's certificates; null when it has none. */
  private X509ExtendedTrustManager dataDirTrust() throws GeneralSecurityException {
    Path certFile = certFile();
    if (!Files.isRegularFile(certFile)) {
      return null;
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      store.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    int n = 0;
    for (Certificate cert : readPem(certFile)) {
      store.setCertificateEntry("ferry-" + n++, cert);
    }
    return pkix(store);
  }

  /** The PKIX trust manager of {@code store}, or of the JDK's CA store when null. */
  private static X509ExtendedTrustManager pkix(KeyStore store) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  private static Collection<? extends Certificate> readPem(Path file) {
    // read whole: the certificate parser reads its stream byte by byte
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException("cannot read the server certificate " + file + ": " + e.getMessage());
    }
  }

  /**
   * Accepts every certificate. It is an extended trust manager because the JDK adds a hostname
   * check around plain {@link X509TrustManager}s, and {@code --insecure} must skip that too.
   */
  private static final class AnyCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
