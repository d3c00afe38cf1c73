package ferry.server.agentca;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of a certificate, key or request. */
final class Pem {
  private Pem() {}

  static String of(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write PEM", e);
    }
    return w.toString();
  }
}
