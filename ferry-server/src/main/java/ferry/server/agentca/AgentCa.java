package ferry.server.agentca;

import static java.util.Objects.requireNonNull;

import ferry.core.agent.certificate.CertificateAuthority;
import ferry.core.agent.certificate.Fingerprints;
import ferry.core.agent.certificate.SignedCertificate;
import ferry.core.auth.token.TokenRepository;
import ferry.core.secret.SecretCipher;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The agent CA: an EC P-256 key and self-signed certificate made by the first node to start, kept
 * in the database sealed with the master key (beside the JWT key, under {@value #KEY_NAME}), so
 * every node of a cluster signs with, and its HTTPS listener trusts, the same CA without copying
 * files. It signs only agents' client certificates.
 */
public final class AgentCa implements CertificateAuthority {
  static final String KEY_NAME = "agent-ca";
  /** Long, as agents keep trusting it: renewing it means every agent asks for a new certificate. */
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  /** An agent's client certificate: a new CSR (or a new registration) before the year is out. */
  public static final Duration CLIENT_VALIDITY = Duration.ofDays(365);
  /** Tolerates clients whose clock is a little behind the server's. */
  private static final Duration BACKDATE = Duration.ofMinutes(5);
  private static final String SIGNATURE = "SHA256withECDSA";

  private final PrivateKey key;
  private final X509Certificate cert;
  private final String certPem;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  private AgentCa(PrivateKey key, X509Certificate cert, Clock clock) {
    this.key = key;
    this.cert = cert;
    this.certPem = Pem.of(cert);
    this.clock = clock;
  }

  /** Loads the shared CA, making it if this is the first node to start. */
  public static AgentCa load(TokenRepository keys, SecretCipher cipher, Clock clock) {
    requireNonNull(keys, "No key store");
    requireNonNull(cipher, "No cipher");
    requireNonNull(clock, "No clock");
    var stored = keys.findKey(KEY_NAME);
    if (stored.isEmpty()) {
      keys.insertKeyIfAbsent(KEY_NAME, cipher.encrypt(KEY_NAME, generate(clock)), clock.instant());
      // whoever won the insert, every node uses the stored CA
      stored = keys.findKey(KEY_NAME);
    }
    String pem = cipher.decrypt(KEY_NAME, stored.orElseThrow(() -> new IllegalStateException("the agent CA was not stored")));
    return parse(pem, clock);
  }

  @Override
  public X509Certificate certificate() {
    return cert;
  }

  @Override
  public String certificatePem() {
    return certPem;
  }

  @Override
  public SignedCertificate sign(String agentId, String csrPem) {
    requireNonNull(agentId, "No agent id");
    var request = CsrCheck.verified(csrPem);
    Instant now = clock.instant();
    Instant notAfter = now.plus(CLIENT_VALIDITY);
    BigInteger serial = new BigInteger(127, random).setBit(126); // positive, 16 bytes, never 0
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, agentId).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      var builder = new JcaX509v3CertificateBuilder(cert, serial, Date.from(now.minus(BACKDATE)), Date.from(notAfter),
          subject, request.getPublicKey());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(request.getPublicKey()));
      X509Certificate issued = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(key)));
      return new SignedCertificate(Pem.of(issued), Fingerprints.sha256(issued), serial.toString(16),
          issued.getNotAfter().toInstant());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("the agent CA cannot sign: " + e.getMessage(), e);
    }
  }

  /** A new CA: its private key (PKCS#8) and certificate, as PEM text to be sealed. */
  private static String generate(Clock clock) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = gen.generateKeyPair();
      Instant now = clock.instant();
      // a random part keeps two installations' CAs apart in a client's trust store
      X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.O, "Ferry")
          .addRDN(BCStyle.CN, "Ferry agent CA " + HexFormat.of().formatHex(randomBytes(4)))
          .build();
      var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, new SecureRandom()).setBit(126),
          Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), name, kp.getPublic());
      // pathLen 0: it signs end-entity certificates only
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(kp.getPrivate())));
      return Pem.of(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(kp.getPrivate(), null)) + Pem.of(cert);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the agent CA: " + e.getMessage(), e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static AgentCa parse(String pem, Clock clock) {
    PrivateKey key = null;
    X509Certificate cert = null;
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof PrivateKeyInfo info) key = new JcaPEMKeyConverter().getPrivateKey(info);
        else if (o instanceof X509CertificateHolder h) cert = new JcaX509CertificateConverter().getCertificate(h);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the stored agent CA is unreadable: " + e.getMessage(), e);
    }
    if (key == null || cert == null) throw new IllegalStateException("the stored agent CA lacks its key or certificate");
    return new AgentCa(key, cert, clock);
  }
}
