package ferry.pipeline.step.pgp;

import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.StepContext;
import ferry.pipeline.step.StepFailedException;
import ferry.pipeline.step.StepFiles;
import ferry.pipeline.step.StepRunner;
import ferry.pipeline.step.WorkFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSecretKey;

/**
 * Decrypts every file with the key in secret {@code private_key} (unlocked with the secret {@code
 * passphrase} names, if any) into its name without .pgp, .gpg or .asc. A file that is not
 * encrypted to that key, lacks the integrity packet, or fails the integrity check (tampered or
 * cut short) fails the step and leaves no output. With {@code verify_with} (secret names of public
 * keys) the message must also be signed by one of them.
 */
final class PgpDecryptStep implements StepRunner {
  private static final List<String> SUFFIXES = List.of(".pgp", ".gpg", ".asc");

  private final String privateKey;
  private final String passphrase;
  private final List<String> verifyWith;

  PgpDecryptStep(StepSpec spec) {
    this.privateKey = spec.required("private_key");
    this.passphrase = spec.string("passphrase").orElse(null);
    this.verifyWith = spec.list("verify_with").stream().map(Object::toString).toList();
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    List<PGPSecretKey> secretKeys = PgpKeys.secretKeys(ctx, privateKey);
    char[] pass = PgpKeys.passphrase(ctx, passphrase);
    List<PGPPublicKey> verifiers = new ArrayList<>();
    for (String v : verifyWith) verifiers.addAll(PgpKeys.publicKeys(ctx, v));
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      String name = StepFiles.endsWith(f.name(), SUFFIXES) ? StepFiles.strip(f.name(), 4) : f.name();
      boolean done = false;
      try (InputStream src = new BufferedInputStream(Files.newInputStream(f.path()), StepFiles.BUFFER);
          OutputStream dst = StepFiles.create(ctx, name)) {
        PGPPublicKey signer = decrypt(src, dst, f.name(), secretKeys, pass, verifiers);
        done = true;
        ctx.log(f.name() + " -> " + name + (signer == null ? "" : ", signed by " + PgpMessage.id(signer)));
      } catch (PGPException | IOException e) {
        throw e instanceof StepFailedException s ? s : new StepFailedException("cannot decrypt " + f.name() + ": " + e.getMessage(), false);
      } finally {
        // No partial plaintext: what failed the integrity or signature check is removed at once.
        if (!done) Files.deleteIfExists(StepFiles.outputPath(ctx, name));
      }
      out.add(StepFiles.output(ctx, name, f));
    }
    return out;
  }

  private PGPPublicKey decrypt(InputStream src, OutputStream dst, String what, List<PGPSecretKey> secretKeys, char[] pass,
      List<PGPPublicKey> verifiers) throws IOException, PGPException {
    var objects = PgpMessage.objects(src);
    if (!(PgpMessage.next(objects) instanceof PGPEncryptedDataList list)) {
      throw new StepFailedException(what + " is not an OpenPGP encrypted message", false);
    }
    for (PGPEncryptedData data : list) {
      if (!(data instanceof PGPPublicKeyEncryptedData pk)) continue;
      PGPSecretKey key = secretKey(secretKeys, pk.getKeyID());
      if (key == null) continue;
      if (!pk.isIntegrityProtected()) throw new StepFailedException(what + " has no integrity protection (refused)", false);
      PGPPrivateKey priv = PgpKeys.unlock(key, privateKey, pass);
      PGPPublicKey signer;
      try (InputStream clear = pk.getDataStream(PgpCrypto.decryptor(priv, pk))) {
        signer = PgpMessage.read(PgpMessage.objects(clear), dst, verifiers, what, what + " holds no OpenPGP literal data");
        if (!pk.verify()) throw new StepFailedException(what + " failed its integrity check (tampered or cut short)", false);
      }
      return signer;
    }
    throw new StepFailedException(what + " is not encrypted to the key in secret " + privateKey, false);
  }

  /** The secret key with {@code keyId}; for a hidden recipient (id 0) the first that can decrypt. */
  private static PGPSecretKey secretKey(List<PGPSecretKey> keys, long keyId) {
    for (PGPSecretKey k : keys) {
      if (k.getKeyID() == keyId || (keyId == 0 && k.getPublicKey().isEncryptionKey() && !k.isPrivateKeyEmpty())) return k;
    }
    return null;
  }
}
