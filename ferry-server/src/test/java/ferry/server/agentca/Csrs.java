package ferry.server.agentca;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate signing requests as an agent makes them, good and bad, for tests. */
public final class Csrs {
  private Csrs() {}

  public static KeyPair ecKey() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair rsaKey(int bits) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(bits);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid PEM request for {@code key}'s public key with {@code subject}. */
  public static String pem(KeyPair key, String subject) {
    return signedBy(key.getPublic(), key.getPrivate(), subject);
  }

  /** A request carrying {@code key}'s public key but signed by another key: its signature does not verify. */
  public static String badlySigned(KeyPair key) {
    return signedBy(key.getPublic(), ecKey().getPrivate(), "CN=forged");
  }

  private static String signedBy(PublicKey pub, PrivateKey signer, String subject) {
    try {
      String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pub)
          .build(new JcaContentSignerBuilder(alg).build(signer));
      return write(csr);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String write(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
