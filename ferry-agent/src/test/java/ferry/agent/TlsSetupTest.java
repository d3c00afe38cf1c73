package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSetupTest {
  @TempDir Path dir;

  @Test
  void theClientKeyAsEnrollmentWritesItReadsBack() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    Path file = dir.resolve("agent-key.pem");
    Files.writeString(file, Enrollment.privateKeyPem(kp.getPrivate()));
    assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    // the same secret scalar (BC re-encodes the key with its curve's parameters)
    assertThat(((ECPrivateKey) TlsSetup.readKey(file)).getS()).isEqualTo(((ECPrivateKey) kp.getPrivate()).getS());
  }
}
