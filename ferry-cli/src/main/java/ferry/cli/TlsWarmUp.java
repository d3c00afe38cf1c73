package ferry.cli;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.FutureTask;

/**
 * Does on a spare core, while the command line is parsed and the client set up, the costliest step
 * of the process's first TLS handshake (issue 11): the JDK's TLS client always offers a P-256 key
 * share and Ferry's certificate is P-256, so the first handshake builds the JDK's table of P-256
 * generator multiples, a third of a {@code ferry start}. The handshake then finds it built, or
 * waits for it rather than building it twice.
 */
final class TlsWarmUp {
  private TlsWarmUp() {}

  /** Starts the warm-up; only the first call of a process does anything. */
  static void start() {
    Once.started();
  }

  /** Its class initialisation, which the JVM runs once, starts the thread. */
  private static final class Once {
    static {
      // a FutureTask keeps a failure to itself: the handshake would meet and report it anyway
      Thread.ofPlatform()
          .daemon()
          .name("ferry-tls-warm-up")
          .start(new FutureTask<>(TlsWarmUp::makeP256KeyPair));
    }

    static void started() {}
  }

  private static Void makeP256KeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    generator.generateKeyPair();
    return null;
  }
}
