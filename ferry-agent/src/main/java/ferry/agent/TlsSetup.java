package ferry.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The agent's TLS: which server certificates it trusts (the system CAs, a {@code --ca-file}, or
 * anything with {@code --insecure}) and, once the server signed one, the client certificate it
 * presents (mTLS) besides its key.
 */
final class TlsSetup {
  private TlsSetup() {}

  static SSLContext context(boolean insecure, Path caFile, Path clientKey, Path clientCert) throws IOException {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      KeyManager[] keys = clientKey != null && Files.exists(clientKey) && Files.exists(clientCert)
          ? keyManagers(clientKey, clientCert) : null;
      TrustManager[] trust = insecure ? new TrustManager[] {new AnyServer()} : caFile == null ? null : trustManagers(caFile);
      ctx.init(keys, trust, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** Whether {@code --insecure} also has to switch off the HTTP client's host name check. */
  static void allowAnyHostName(boolean insecure) {
    // the JDK client checks host names outside the trust manager; only a system property turns that off
    if (insecure) System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
  }

  private static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    int i = 0;
    try (InputStream in = Files.newInputStream(caFile)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("ca" + i++, c);
    }
    if (i == 0) throw new IOException(caFile + " holds no PEM certificate");
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf.getTrustManagers();
  }

  private static KeyManager[] keyManagers(Path keyFile, Path certFile) throws IOException, GeneralSecurityException {
    PrivateKey key = readKey(keyFile);
    Certificate[] chain;
    try (InputStream in = Files.newInputStream(certFile)) {
      chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] pw = "agent".toCharArray(); // in memory only
    ks.setKeyEntry("agent", key, pw, chain);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    return kmf.getKeyManagers();
  }

  static PrivateKey readKey(Path keyFile) throws IOException {
    try (Reader r = Files.newBufferedReader(keyFile); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) return conv.getPrivateKey(kp.getPrivateKeyInfo());
      if (o instanceof PrivateKeyInfo pki) return conv.getPrivateKey(pki);
      throw new IOException(keyFile + " holds no private key");
    }
  }

  /** {@code --insecure}: any server certificate. */
  private static final class AnyServer extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}
    @Override public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
