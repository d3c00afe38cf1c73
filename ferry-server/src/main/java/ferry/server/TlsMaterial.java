package ferry.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * The HTTPS certificate: a configured PEM pair or PKCS12 file, or else a self-signed one made at
 * first start and kept in {@code <data-dir>/tls} (the CLI on this machine trusts it from there).
 */
final class TlsMaterial {
  static final String ALIAS = "ferry";
  /** The CA/Browser Forum's ceiling for server certificates. */
  static final Duration VALIDITY = Duration.ofDays(397);
  /** A generated certificate this close to its end, or made before EKU was set, is replaced at start. */
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  record Loaded(KeyStore keyStore, char[] password, String description) {}

  private TlsMaterial() {}

  static Loaded load(ServerConfig cfg, DataDir dir) {
    try {
      if (cfg.tlsKeystore() != null) {
        char[] pw = cfg.tlsKeystorePassword() == null ? new char[0] : cfg.tlsKeystorePassword().toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(cfg.tlsKeystore())) {
          ks.load(in, pw);
        }
        return trustedLocally(dir, new Loaded(ks, pw, "certificate from " + cfg.tlsKeystore()));
      }
      if (cfg.tlsCert() != null)
        return trustedLocally(dir, fromPem(cfg.tlsCert(), cfg.tlsKey(), "certificate from " + cfg.tlsCert()));
      Path cert = dir.tlsDir().resolve("server-cert.pem");
      Path key = dir.tlsDir().resolve("server-key.pem");
      if (!Files.exists(cert) || !Files.exists(key) || due(cert)) generate(cert, key);
      return fromPem(cert, key, "self-signed certificate " + cert);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the TLS certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Puts a configured certificate where the CLI on this machine looks for the one to trust, and
   * drops the generated key, which no longer matches it (a later start without a configured
   * certificate generates a new pair).
   */
  private static Loaded trustedLocally(DataDir dir, Loaded loaded) throws IOException, GeneralSecurityException {
    String alias = loaded.keyStore().aliases().nextElement();
    Certificate leaf = loaded.keyStore().getCertificate(alias);
    if (leaf == null) throw new GeneralSecurityException("no certificate under alias " + alias);
    Files.deleteIfExists(dir.tlsDir().resolve("server-key.pem"));
    DataDir.writePrivate(dir.tlsDir().resolve("server-cert.pem"), pem(leaf));
    return loaded;
  }

  private static Loaded fromPem(Path certFile, Path keyFile, String description)
      throws IOException, GeneralSecurityException {
    List<Certificate> chain = new ArrayList<>();
    try (InputStream in = Files.newInputStream(certFile)) {
      chain.addAll(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) throw new GeneralSecurityException("no certificate in " + certFile);
    PrivateKey key;
    try (Reader r = Files.newBufferedReader(keyFile); PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      key = switch (o) {
        case PEMKeyPair kp -> conv.getPrivateKey(kp.getPrivateKeyInfo());
        case PrivateKeyInfo info -> conv.getPrivateKey(info);
        case null, default -> throw new GeneralSecurityException("no unencrypted private key in " + keyFile);
      };
    }
    char[] pw = ferry.core.Ids.random(18).toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(ALIAS, key, pw, chain.toArray(Certificate[]::new));
    return new Loaded(ks, pw, description);
  }

  private static void generate(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = gen.generateKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=Ferry self-signed");
    List<GeneralName> sans = new ArrayList<>(List.of(
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.iPAddress, "::1")));
    try {
      sans.add(new GeneralName(GeneralName.dNSName, InetAddress.getLocalHost().getHostName()));
    } catch (IOException ignored) {
      // no resolvable host name: localhost and the loopback addresses still cover local clients
    }
    var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    // an EC key signs the handshake; it never enciphers keys (that is RSA key transport)
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509Certificate cert;
    try {
      cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot sign the self-signed certificate", e);
    }
    DataDir.writePrivate(keyFile, pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
    DataDir.writePrivate(certFile, pem(cert));
  }

  /** Whether the generated certificate at {@code certFile} should be replaced. */
  private static boolean due(Path certFile) throws IOException, GeneralSecurityException {
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(certFile)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    List<String> eku = cert.getExtendedKeyUsage();
    return eku == null || !eku.contains(KeyPurposeId.id_kp_serverAuth.getId())
        || cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))
        || Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).compareTo(VALIDITY.plusDays(1)) > 0;
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }
}
