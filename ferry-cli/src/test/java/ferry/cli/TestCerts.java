package ferry.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A self-signed server certificate like the one {@code ferry serve} makes at first start. */
record TestCerts(KeyPair keys, X509Certificate cert) {
  private static final char[] PASSWORD = "test".toCharArray();

  /** A certificate valid for {@code dnsName} and, when {@code loopbackIp}, for 127.0.0.1. */
  static TestCerts selfSigned(String dnsName, boolean loopbackIp) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + dnsName);
    Instant now = Instant.now();
    GeneralName dns = new GeneralName(GeneralName.dNSName, dnsName);
    GeneralNames names =
        loopbackIp
            ? new GeneralNames(
                new GeneralName[] {dns, new GeneralName(GeneralName.iPAddress, "127.0.0.1")})
            : new GeneralNames(dns);
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, names);
    try {
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new TestCerts(keys, cert);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The server side: an SSL context presenting this certificate. */
  SSLContext serverContext() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", keys.getPrivate(), PASSWORD, new Certificate[] {cert});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(store, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    return context;
  }

  /** Writes the certificate where the CLI looks for it: {@code <dataDir>/tls/server-cert.pem}. */
  void writeTo(Path dataDir) throws GeneralSecurityException, IOException {
    Path file = dataDir.resolve(TlsTrust.CERT_FILE);
    Files.createDirectories(file.getParent());
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    Files.writeString(file, pem);
  }
}
