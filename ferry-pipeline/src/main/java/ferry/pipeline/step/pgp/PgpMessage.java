package ferry.pipeline.step.pgp;

import ferry.pipeline.step.StepFailedException;
import ferry.pipeline.step.StepFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * Reads an OpenPGP message (what is inside the encryption, or an inline-signed file): optional
 * compression, optional one-pass signatures, the literal data, their signatures. The literal data
 * is streamed to the caller's output; with keys given, a good signature by one of them is required.
 */
final class PgpMessage {
  private PgpMessage() {}

  /** A packet reader over {@code in}, armoured or binary. */
  static PGPObjectFactory objects(InputStream in) throws IOException {
    return new PGPObjectFactory(PGPUtil.getDecoderStream(in), new BcKeyFingerprintCalculator());
  }

  /** The next object that is not a marker packet (old GnuPG writes one first). */
  static Object next(PGPObjectFactory f) throws IOException {
    Object o = f.nextObject();
    while (o instanceof PGPMarker) o = f.nextObject();
    return o;
  }

  /**
   * Streams the literal data of the message that {@code objects} reads to {@code out}.
   *
   * @param verifyWith keys one of which must have made a good signature; empty: signatures are not checked
   * @param what the file's name, for messages
   * @param notMessage the failure's text when the file is not such a message
   * @return the key that signed (when {@code verifyWith} was given), else null
   * @throws StepFailedException for a message of another shape, or no good signature when one is required
   */
  static PGPPublicKey read(PGPObjectFactory objects, OutputStream out, List<PGPPublicKey> verifyWith, String what,
      String notMessage) throws IOException, PGPException {
    PGPObjectFactory f = objects;
    Object o = next(f);
    if (o instanceof PGPCompressedData c) {
      f = objects(c.getDataStream());
      o = next(f);
    }
    PGPOnePassSignature ops = null;
    PGPPublicKey signer = null;
    if (o instanceof PGPOnePassSignatureList list) {
      for (PGPOnePassSignature candidate : list) {
        PGPPublicKey key = find(verifyWith, candidate.getKeyID());
        if (key != null && ops == null) {
          ops = candidate;
          signer = key;
        }
      }
      o = next(f);
    }
    if (!(o instanceof PGPLiteralData literal)) {
      throw new StepFailedException(notMessage, false);
    }
    if (signer != null) ops.init(PgpCrypto.verifiers(), signer);
    byte[] buf = new byte[StepFiles.BUFFER];
    try (InputStream data = literal.getDataStream()) {
      for (int n; (n = data.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        if (ops != null) ops.update(buf, 0, n);
      }
    }
    if (verifyWith.isEmpty()) return null;
    if (ops == null) throw new StepFailedException(what + " is not signed by any of the keys to verify with", false);
    if (!(next(f) instanceof PGPSignatureList sigs)) throw new StepFailedException(what + " lacks its signature", false);
    for (PGPSignature sig : sigs) {
      if (sig.getKeyID() == ops.getKeyID() && ops.verify(sig)) return signer;
    }
    throw new StepFailedException(what + " has a bad signature", false);
  }

  /** The key of {@code keys} with {@code keyId}, or null. */
  static PGPPublicKey find(List<PGPPublicKey> keys, long keyId) {
    for (PGPPublicKey k : keys) {
      if (k.getKeyID() == keyId) return k;
    }
    return null;
  }

  /** "4F2A...": a key's id as GnuPG shows it, for logs. */
  static String id(PGPPublicKey key) {
    return String.format("%016X", key.getKeyID());
  }
}
