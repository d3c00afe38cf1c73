package ferry.pipeline.step.pgp;

import ferry.pipeline.step.StepContext;
import ferry.pipeline.step.StepFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * OpenPGP keys read from the secrets store. A secret holds an ASCII-armoured key block as GnuPG
 * exports it ({@code gpg --armor --export}, {@code --export-secret-keys}), or a binary export in
 * base64 (the store holds text: {@code gpg --export KEY | base64 -w0}). Messages name the secret,
 * never its value.
 */
final class PgpKeys {
  private PgpKeys() {}

  /** The public keys of the rings in secret {@code name} (of secret-key rings too). */
  static List<PGPPublicKey> publicKeys(StepContext ctx, String name) throws StepFailedException {
    List<PGPPublicKey> keys = new ArrayList<>();
    for (Object ring : rings(ctx, name)) {
      Iterator<PGPPublicKey> it =
          ring instanceof PGPPublicKeyRing p ? p.getPublicKeys() : ((PGPSecretKeyRing) ring).getPublicKeys();
      it.forEachRemaining(keys::add);
    }
    if (keys.isEmpty()) throw new StepFailedException("secret " + name + " holds no OpenPGP public key", false);
    return keys;
  }

  /** The secret keys of the rings in secret {@code name}. */
  static List<PGPSecretKey> secretKeys(StepContext ctx, String name) throws StepFailedException {
    List<PGPSecretKey> keys = new ArrayList<>();
    for (Object ring : rings(ctx, name)) {
      if (ring instanceof PGPSecretKeyRing s) s.getSecretKeys().forEachRemaining(keys::add);
    }
    if (keys.isEmpty()) throw new StepFailedException("secret " + name + " holds no OpenPGP private key", false);
    return keys;
  }

  /**
   * The key of {@code keys} to encrypt to: a usable (not revoked, not expired) key that may encrypt,
   * preferring what its self-signature allows, the newest last.
   */
  static PGPPublicKey encryptionKey(List<PGPPublicKey> keys, String name, long nowSeconds) throws StepFailedException {
    PGPPublicKey chosen = null;
    for (PGPPublicKey k : keys) {
      if (k.isEncryptionKey() && usable(k, nowSeconds) && allows(k, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) chosen = k;
    }
    if (chosen == null) throw new StepFailedException("secret " + name + " holds no usable encryption key", false);
    return chosen;
  }

  /** The first secret key of {@code keys} that may sign, unlocked with {@code passphrase}. */
  static Signer signer(List<PGPSecretKey> keys, String name, char[] passphrase, long nowSeconds) throws StepFailedException {
    for (PGPSecretKey k : keys) {
      PGPPublicKey pub = k.getPublicKey();
      if (k.isSigningKey() && !k.isPrivateKeyEmpty() && usable(pub, nowSeconds) && allows(pub, KeyFlags.SIGN_DATA)) {
        return new Signer(pub, unlock(k, name, passphrase));
      }
    }
    throw new StepFailedException("secret " + name + " holds no usable signing key", false);
  }

  /** A signing key: its public half (for the signature's algorithm and issuer) and its private half. */
  record Signer(PGPPublicKey publicKey, PGPPrivateKey privateKey) {}

  static PGPPrivateKey unlock(PGPSecretKey key, String name, char[] passphrase) throws StepFailedException {
    try {
      return PgpCrypto.unlock(key, passphrase);
    } catch (PGPException e) {
      throw new StepFailedException("cannot unlock the key in secret " + name + " (wrong or missing passphrase?)", false);
    }
  }

  /** The passphrase in secret {@code name}; none when the step names none (an unprotected key). */
  static char[] passphrase(StepContext ctx, String name) throws StepFailedException {
    if (name == null) return new char[0];
    return ctx.secret(name).orElseThrow(() -> new StepFailedException("secret " + name + " is not available", false)).toCharArray();
  }

  private static boolean usable(PGPPublicKey k, long nowSeconds) {
    if (k.hasRevocation()) return false;
    long valid = k.getValidSeconds();
    return valid <= 0 || k.getCreationTime().getTime() / 1000 + valid > nowSeconds;
  }

  /** Whether the key's self- or binding signature allows {@code flags}; a key without flags allows by its algorithm. */
  private static boolean allows(PGPPublicKey k, int flags) {
    Iterator<PGPSignature> sigs =
        k.isMasterKey() ? k.getSignatures() : k.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
    boolean anyFlags = false;
    while (sigs.hasNext()) {
      PGPSignature sig = sigs.next();
      if (sig.getHashedSubPackets() == null || !sig.getHashedSubPackets().hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) continue;
      if (k.isMasterKey() && sig.getKeyID() != k.getKeyID()) continue;
      anyFlags = true;
      if ((sig.getHashedSubPackets().getKeyFlags() & flags) != 0) return true;
    }
    return !anyFlags;
  }

  private static List<Object> rings(StepContext ctx, String name) throws StepFailedException {
    String value = ctx.secret(name).orElseThrow(() -> new StepFailedException("secret " + name + " is not available", false));
    byte[] bytes;
    if (value.contains("-----BEGIN PGP")) {
      bytes = value.getBytes(StandardCharsets.US_ASCII);
    } else {
      try {
        bytes = Base64.getMimeDecoder().decode(value.strip());
      } catch (IllegalArgumentException e) {
        throw new StepFailedException("secret " + name + " holds neither an armoured OpenPGP key nor a base64 binary one", false);
      }
    }
    List<Object> rings = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      PGPObjectFactory f = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
      for (Object o; (o = f.nextObject()) != null; ) {
        if (o instanceof PGPPublicKeyRing || o instanceof PGPSecretKeyRing) rings.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new StepFailedException("secret " + name + " does not hold a readable OpenPGP key", false);
    }
    return rings;
  }
}
