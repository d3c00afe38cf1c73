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
import org.bouncycastle.bcpg.BCPGOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignatureGenerator;

/**
 * Signs each file with the key in secret {@code private_key} (unlocked with the secret {@code
 * passphrase} names, if any), SHA-256. {@code detached: true} (default) keeps the file and adds
 * NAME.sig, or NAME.asc with {@code armor: true}, as {@code gpg --detach-sign} does; {@code
 * detached: false} replaces the file by a signed message NAME.pgp (NAME.asc armoured), as {@code
 * gpg --sign} does.
 */
final class PgpSignStep implements StepRunner {
  private final String privateKey;
  private final String passphrase;
  private final boolean detached;
  private final boolean armor;

  PgpSignStep(StepSpec spec) {
    this.privateKey = spec.required("private_key");
    this.passphrase = spec.string("passphrase").orElse(null);
    this.detached = spec.flag("detached", true);
    this.armor = spec.flag("armor", false);
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    long now = ctx.clock().instant().getEpochSecond();
    PgpKeys.Signer signer = PgpKeys.signer(PgpKeys.secretKeys(ctx, privateKey), privateKey, PgpKeys.passphrase(ctx, passphrase), now);
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      String name = f.name() + (armor ? ".asc" : detached ? ".sig" : ".pgp");
      try (OutputStream file = StepFiles.create(ctx, name);
          OutputStream target = armor ? ArmoredOutputStream.builder().clearHeaders().build(file) : file) {
        PGPSignatureGenerator sig = PgpCrypto.signatures(signer, ctx.clock().instant());
        if (detached) {
          try (InputStream src = Files.newInputStream(f.path())) {
            byte[] buf = new byte[StepFiles.BUFFER];
            for (int n; (n = src.read(buf)) >= 0; ) sig.update(buf, 0, n);
          }
          sig.generate().encode(new BCPGOutputStream(target));
        } else {
          inline(f, target, sig);
        }
      } catch (PGPException e) {
        throw new StepFailedException("cannot sign " + f.name() + ": " + e.getMessage(), false);
      }
      if (detached) out.add(f);
      out.add(StepFiles.output(ctx, name, f));
    }
    ctx.log("signed " + in.size() + " files with " + PgpMessage.id(signer.publicKey()) + (detached ? " (detached)" : " (inline)"));
    return out;
  }

  private static void inline(WorkFile f, OutputStream target, PGPSignatureGenerator sig) throws IOException, PGPException {
    BCPGOutputStream packets = new BCPGOutputStream(target);
    sig.generateOnePassVersion(false).encode(packets);
    PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
    Date modified = f.modified() == null ? PGPLiteralData.NOW : Date.from(f.modified());
    try (InputStream src = Files.newInputStream(f.path());
        OutputStream lit = literal.open(packets, PGPLiteralData.BINARY, StepFiles.baseName(f.name()), modified, new byte[StepFiles.BUFFER])) {
      byte[] buf = new byte[StepFiles.BUFFER];
      for (int n; (n = src.read(buf)) >= 0; ) {
        lit.write(buf, 0, n);
        sig.update(buf, 0, n);
      }
    }
    sig.generate().encode(packets);
    packets.flush();
  }
}
