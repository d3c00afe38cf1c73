package ferry.cli;

import java.math.BigDecimal;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.FutureTask;

/**
 * Does on a spare core, while the command line is parsed and the client set up, the JDK's one-time
 * set-ups that a command's first request would otherwise wait for (issue 11), in the order the
 * request meets them. Each is a class initialisation, so the request finds it done or waits for it,
 * never does it twice; they took half of a {@code ferry start}:
 *
 * <ul>
 *   <li>the table of P-256 generator multiples: the JDK's TLS client always offers a P-256 key share
 *       and Ferry's certificate is P-256;
 *   <li>the fingerprints of the JDK's CA certificates, which its host-name check reads (the class
 *       is internal, so it is named; on a JDK without it that step does nothing);
 *   <li>{@link BigDecimal}'s powers of five, which the JSON parser's number handling needs.
 * </ul>
 */
final class ClientWarmUp {
  static final String CA_FINGERPRINTS = "sun.security.util.AnchorCertificates";

  private ClientWarmUp() {}

  /** Starts the warm-up; only the first call of a process does anything. */
  static void start() {
    Once.started();
  }

  /** Its class initialisation, which the JVM runs once, starts the thread. */
  private static final class Once {
    static {
      // a FutureTask keeps a failure to itself: the request would meet and report it anyway
      Thread.ofPlatform()
          .daemon()
          .name("ferry-client-warm-up")
          .start(new FutureTask<>(ClientWarmUp::warmUp));
    }

    static void started() {}
  }

  private static Void warmUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    generator.generateKeyPair();
    Class.forName(CA_FINGERPRINTS, true, ClassLoader.getPlatformClassLoader());
    BigDecimal.ONE.signum();
    return null;
  }
}
