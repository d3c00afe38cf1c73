package ferry.server.agentca;

import ferry.core.error.ValidationException;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reads an agent's PEM PKCS#10 request and proves it: its signature must verify with the key it
 * carries (the agent holds that key), and the key must be one the CA certifies. Every refusal is a
 * 400 naming the {@code csr} field.
 */
final class CsrCheck {
  /** The named curves accepted, as a request's key names them. */
  private static final Set<ASN1Encodable> EC_CURVES = Set.of(SECObjectIdentifiers.secp256r1, SECObjectIdentifiers.secp384r1);
  /** Far more than any request with an EC or RSA-4096 key. */
  static final int MAX_CHARS = 16 * 1024;

  private CsrCheck() {}

  static JcaPKCS10CertificationRequest verified(String pem) {
    if (pem == null || pem.isBlank()) throw invalid("csr is required: a PEM certificate signing request");
    if (pem.length() > MAX_CHARS) throw invalid("csr must be at most " + MAX_CHARS + " characters");
    Object read;
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      read = p.readObject();
    } catch (IOException | RuntimeException e) {
      throw invalid("csr is not a readable PEM certificate signing request");
    }
    if (!(read instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest raw))
      throw invalid("csr must be a PEM block -----BEGIN CERTIFICATE REQUEST-----");
    JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(raw);
    PublicKey key;
    try {
      key = csr.getPublicKey();
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo())))
        throw invalid("the csr's signature does not verify with its public key");
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException | RuntimeException e) {
      if (e instanceof ValidationException v) throw v;
      throw invalid("the csr's key or signature cannot be read");
    }
    requireAcceptedKey(csr, key);
    return csr;
  }

  /** EC on P-256 or P-384 (what {@code csrTemplate} asks for is P-256), or RSA of 2048 bits or more. */
  private static void requireAcceptedKey(JcaPKCS10CertificationRequest csr, PublicKey key) {
    AlgorithmIdentifier alg = csr.getSubjectPublicKeyInfo().getAlgorithm();
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())) {
      if (EC_CURVES.contains(alg.getParameters())) return;
      throw invalid("the csr's EC key must be on curve P-256 (or P-384)");
    }
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() >= 2048) return;
      throw invalid("the csr's RSA key must have at least 2048 bits; an EC P-256 key is preferred");
    }
    throw invalid("the csr's key must be EC P-256 (or P-384, or RSA of at least 2048 bits)");
  }

  private static ValidationException invalid(String message) {
    return new ValidationException(message, Map.of("field", "csr"));
  }
}
