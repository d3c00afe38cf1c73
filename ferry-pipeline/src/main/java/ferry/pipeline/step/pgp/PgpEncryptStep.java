package ferry.pipeline.step.pgp;

import ferry.pipeline.definition.StepSpec;
import ferry.pipeline.step.StepContext;
import ferry.pipeline.step.StepFailedException;
import ferry.pipeline.step.StepFiles;
import ferry.pipeline.step.StepRunner;
import ferry.pipeline.step.WorkFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignatureGenerator;

/**
 * Encrypts each file to every key of {@code recipients} (secret names) with AES-256 and the
 * integrity packet, uncompressed (files worth compressing go through zip or gzip first), into
 * NAME.pgp, or NAME.asc with {@code armor: true}. With {@code sign_with} (a secret holding a
 * private key, unlocked with the secret {@code passphrase} names) the message is signed inside
 * the encryption, as {@code gpg --sign --encrypt} does.
 */
final class PgpEncryptStep implements StepRunner {
  private final List<String> recipients;
  private final boolean armor;
  private final String signWith;
  private final String passphrase;

  PgpEncryptStep(StepSpec spec) {
    this.recipients = spec.list("recipients").stream().map(Object::toString).toList();
    if (recipients.isEmpty()) throw new IllegalArgumentException("pgp-encrypt needs recipients");
    this.armor = spec.flag("armor", false);
    this.signWith = spec.string("sign_with").orElse(null);
    this.passphrase = spec.string("passphrase").orElse(null);
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    long now = ctx.clock().instant().getEpochSecond();
    List<PGPPublicKey> keys = new ArrayList<>();
    for (String r : recipients) keys.add(PgpKeys.encryptionKey(PgpKeys.publicKeys(ctx, r), r, now));
    PgpKeys.Signer signer =
        signWith == null ? null : PgpKeys.signer(PgpKeys.secretKeys(ctx, signWith), signWith, PgpKeys.passphrase(ctx, passphrase), now);
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      String name = f.name() + (armor ? ".asc" : ".pgp");
      try (OutputStream file = StepFiles.create(ctx, name)) {
        encrypt(f, file, keys, signer == null ? null : PgpCrypto.signatures(signer, ctx.clock().instant()));
      } catch (PGPException e) {
        throw new StepFailedException("cannot encrypt " + f.name() + ": " + e.getMessage(), false);
      }
      out.add(StepFiles.output(ctx, name, f));
    }
    ctx.log("encrypted " + in.size() + " files to " + keys.stream().map(PgpMessage::id).toList()
        + (signer == null ? "" : ", signed by " + PgpMessage.id(signer.publicKey())));
    return out;
  }

  private void encrypt(WorkFile f, OutputStream file, List<PGPPublicKey> keys, PGPSignatureGenerator sig)
      throws IOException, PGPException {
    OutputStream target = armor ? ArmoredOutputStream.builder().clearHeaders().build(file) : file;
    PGPEncryptedDataGenerator enc = new PGPEncryptedDataGenerator(PgpCrypto.dataEncryptor());
    for (PGPPublicKey k : keys) enc.addMethod(PgpCrypto.keyEncryption(k));
    // Partial-length packets of one buffer: the size need not be known and memory stays bounded.
    OutputStream encrypted = enc.open(target, new byte[StepFiles.BUFFER]);
    if (sig != null) sig.generateOnePassVersion(false).encode(encrypted);
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    Date modified = f.modified() == null ? PGPLiteralData.NOW : Date.from(f.modified());
    try (InputStream src = Files.newInputStream(f.path());
        OutputStream lit = literal.open(encrypted, PGPLiteralData.BINARY, StepFiles.baseName(f.name()), modified, new byte[StepFiles.BUFFER])) {
      byte[] buf = new byte[StepFiles.BUFFER];
      for (int n; (n = src.read(buf)) >= 0; ) {
        lit.write(buf, 0, n);
        if (sig != null) sig.update(buf, 0, n);
      }
    }
    if (sig != null) sig.generate().encode(encrypted);
    encrypted.close();
    if (armor) target.close();
  }
}
