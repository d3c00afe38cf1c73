package ferry.pipeline.step.pgp;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
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

  private PgpCrypto() {}

  static JcePGPDataEncryptorBuilder dataEncryptor() {
    return new JcePGPDataEncryptorBuilder(CIPHER).setWithIntegrityPacket(true).setSecureRandom(RANDOM).setProvider(JDK_CIPHERS);
  }

  static JcePublicKeyKeyEncryptionMethodGenerator keyEncryption(PGPPublicKey key) {
    return new JcePublicKeyKeyEncryptionMethodGenerator(key).setProvider(BC).setSecureRandom(RANDOM);
  }

  static PublicKeyDataDecryptorFactory decryptor(PGPPrivateKey key) {
    return new JcePublicKeyDataDecryptorFactoryBuilder().setProvider(BC).setContentProvider(JDK_CIPHERS).build(key);
  }

  static JcaPGPContentSignerBuilder signer(PGPPublicKey key) {
    return new JcaPGPContentSignerBuilder(key.getAlgorithm(), HASH).setProvider(BC).setDigestProvider(JDK_DIGESTS).setSecureRandom(RANDOM);
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
