package ferry.pipeline.step.pgp;

import java.security.Provider;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyDataDecryptorFactoryBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * The one place that picks algorithms and JCA providers for OpenPGP. Bulk work runs on the JDK's
 * own providers: AES in CFB mode (the integrity-protected packet's cipher, with AES-NI) and the
 * signature digests. Public-key operations, a few per file, run on a Bouncy Castle provider
 * instance (never registered globally) because it knows every key type GnuPG makes (RSA,
 * Ed25519/Curve25519 legacy encodings, NIST curves).
 */
final class PgpCrypto {
  /** Session cipher of what Ferry encrypts: AES-256, always with the integrity (MDC) packet. */
  static final int CIPHER = SymmetricKeyAlgorithmTags.AES_256;

  static final int HASH = HashAlgorithmTags.SHA256;
  private static final Provider BC = new BouncyCastleProvider();
  private static final String JDK_CIPHERS = "SunJCE";
  private static final String JDK_DIGESTS = "SUN";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<Integer> JDK_CFB =
      Set.of(SymmetricKeyAlgorithmTags.AES_128, SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_256,
          SymmetricKeyAlgorithmTags.TRIPLE_DES);

  private PgpCrypto() {}

  static JcePGPDataEncryptorBuilder dataEncryptor() {
    return new JcePGPDataEncryptorBuilder(CIPHER).setWithIntegrityPacket(true).setSecureRandom(RANDOM).setProvider(JDK_CIPHERS);
  }

  static JcePublicKeyKeyEncryptionMethodGenerator keyEncryption(PGPPublicKey key) {
    return new JcePublicKeyKeyEncryptionMethodGenerator(key).setProvider(BC).setSecureRandom(RANDOM);
  }

  /**
   * A decryptor for data encrypted to {@code key}. The session key is recovered first (on Bouncy
   * Castle) to learn the cipher: AES and 3DES in CFB run on the JDK; anything else (CAST5, Twofish,
   * Camellia, AEAD modes such as OCB) stays on Bouncy Castle, which has them all.
   */
  static PublicKeyDataDecryptorFactory decryptor(PGPPrivateKey key, PGPPublicKeyEncryptedData data) throws PGPException {
    PublicKeyDataDecryptorFactory bc = new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(BC).setContentProvider(BC).build(key);
    int cipher = data.getSymmetricAlgorithm(bc);
    boolean jdk = !data.isAEAD() && JDK_CFB.contains(cipher);
    return jdk ? new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(BC).setContentProvider(JDK_CIPHERS).build(key) : bc;
  }

  /**
   * A signature generator for {@code signer}, ready for binary data: SHA-256 (digest on the JDK),
   * made at {@code now} (the run's clock), naming the key by fingerprint as well as by id.
   */
  static PGPSignatureGenerator signatures(PgpKeys.Signer signer, Instant now) throws PGPException {
    PGPPublicKey pub = signer.publicKey();
    var builder = new JcaPGPContentSignerBuilder(pub.getAlgorithm(), HASH).setProvider(BC).setDigestProvider(JDK_DIGESTS).setSecureRandom(RANDOM);
    PGPSignatureGenerator gen = new PGPSignatureGenerator(builder, pub);
    gen.init(PGPSignature.BINARY_DOCUMENT, signer.privateKey());
    PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
    hashed.setSignatureCreationTime(false, Date.from(now));
    hashed.setIssuerFingerprint(false, pub);
    gen.setHashedSubpackets(hashed.generate());
    return gen;
  }

  static PGPContentVerifierBuilderProvider verifiers() {
    return new JcaPGPContentVerifierBuilderProvider().setProvider(BC);
  }

  /** Unlocks a secret key; a wrong passphrase is a PGPException. */
  static PGPPrivateKey unlock(PGPSecretKey key, char[] passphrase) throws PGPException {
    var digests = new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build();
    return key.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(digests).setProvider(BC).build(passphrase));
  }
}
