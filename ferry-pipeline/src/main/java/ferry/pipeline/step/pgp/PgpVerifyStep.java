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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;

/**
 * Checks that every file is signed by a key of {@code public_keys} (secret names). A file with a
 * NAME.sig or NAME.asc beside it in the batch is checked against that detached signature, and
 * the signature file leaves the batch; any other file must be an inline-signed message, which is
 * unwrapped into its name without .pgp, .gpg or .asc. A missing or bad signature fails the run
 * (not retried).
 */
final class PgpVerifyStep implements StepRunner {
  private static final List<String> SIGNATURES = List.of(".sig", ".asc");
  private static final List<String> MESSAGES = List.of(".pgp", ".gpg", ".asc");

  private final List<String> publicKeys;

  PgpVerifyStep(StepSpec spec) {
    this.publicKeys = spec.list("public_keys").stream().map(Object::toString).toList();
    if (publicKeys.isEmpty()) throw new IllegalArgumentException("pgp-verify needs public_keys");
  }

  @Override
  public List<WorkFile> run(StepContext ctx, List<WorkFile> in) throws IOException {
    List<PGPPublicKey> keys = new ArrayList<>();
    for (String k : publicKeys) keys.addAll(PgpKeys.publicKeys(ctx, k));
    Map<String, WorkFile> byName = new HashMap<>();
    for (WorkFile f : in) byName.put(f.name(), f);
    Set<String> signatureFiles = new HashSet<>();
    for (WorkFile f : in) {
      for (String suffix : SIGNATURES) {
        if (byName.containsKey(f.name() + suffix)) signatureFiles.add(f.name() + suffix);
      }
    }
    List<WorkFile> out = new ArrayList<>();
    for (WorkFile f : in) {
      StepFiles.checkCancelled(ctx);
      if (signatureFiles.contains(f.name())) continue;
      WorkFile sig = byName.get(f.name() + ".sig");
      if (sig == null) sig = byName.get(f.name() + ".asc");
      try {
        if (sig != null) {
          PGPPublicKey by = detached(f, sig, keys);
          ctx.log(f.name() + ": good signature by " + PgpMessage.id(by) + " in " + sig.name());
          out.add(f);
        } else {
          out.add(inline(ctx, f, keys));
        }
      } catch (PGPException e) {
        throw new StepFailedException("cannot verify " + f.name() + ": " + e.getMessage(), false);
      }
    }
    return out;
  }

  private static PGPPublicKey detached(WorkFile f, WorkFile sigFile, List<PGPPublicKey> keys) throws IOException, PGPException {
    PGPSignatureList sigs;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(sigFile.path()))) {
      var objects = PgpMessage.objects(in);
      Object o = PgpMessage.next(objects);
      if (o instanceof PGPCompressedData c) o = PgpMessage.next(PgpMessage.objects(c.getDataStream()));
      if (!(o instanceof PGPSignatureList list)) throw new StepFailedException(sigFile.name() + " is not an OpenPGP signature", false);
      sigs = list;
    } catch (IOException e) {
      throw e instanceof StepFailedException s ? s : new StepFailedException(sigFile.name() + " is not an OpenPGP signature", false);
    }
    for (PGPSignature sig : sigs) {
      PGPPublicKey key = PgpMessage.find(keys, sig.getKeyID());
      if (key == null) continue;
      sig.init(PgpCrypto.verifiers(), key);
      try (InputStream data = Files.newInputStream(f.path())) {
        byte[] buf = new byte[StepFiles.BUFFER];
        for (int n; (n = data.read(buf)) >= 0; ) sig.update(buf, 0, n);
      }
      if (sig.verify()) return key;
      throw new StepFailedException(f.name() + " has a bad signature in " + sigFile.name(), false);
    }
    throw new StepFailedException(f.name() + " is not signed by any of the keys to verify with (" + sigFile.name() + ")", false);
  }

  private static WorkFile inline(StepContext ctx, WorkFile f, List<PGPPublicKey> keys) throws IOException, PGPException {
    String name = StepFiles.endsWith(f.name(), MESSAGES) ? StepFiles.strip(f.name(), 4) : f.name();
    boolean done = false;
    try (InputStream src = new BufferedInputStream(Files.newInputStream(f.path()), StepFiles.BUFFER);
        OutputStream dst = StepFiles.create(ctx, name)) {
      PGPPublicKey by = PgpMessage.read(PgpMessage.objects(src), dst, keys, f.name(), noSignature(f));
      done = true;
      ctx.log(f.name() + " -> " + name + ": good signature by " + PgpMessage.id(by));
    } catch (IOException e) {
      throw e instanceof StepFailedException s ? s : new StepFailedException(noSignature(f), false);
    } finally {
      if (!done) Files.deleteIfExists(StepFiles.outputPath(ctx, name));
    }
    return StepFiles.output(ctx, name, f);
  }

  private static String noSignature(WorkFile f) {
    return f.name() + " has no signature: neither " + f.name() + ".sig/.asc beside it nor a signed OpenPGP message";
  }
}
