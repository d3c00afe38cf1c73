package ferry.sftpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeysTest {
  @TempDir Path dir;

  @Test
  void fingerprintsReadAsOpenSshShowsThemAndStayTheSameAcrossLoads() {
    List<String> first = HostKeys.fingerprints(HostKeys.load(dir));
    // key type as ssh-keygen -l names it, then SHA256: and 32 bytes of base64 without padding
    assertThat(first).hasSize(3);
    assertThat(first.get(0)).matches("ED25519 SHA256:[A-Za-z0-9+/]{43}");
    assertThat(first.get(1)).matches("ECDSA SHA256:[A-Za-z0-9+/]{43}");
    assertThat(first.get(2)).matches("RSA SHA256:[A-Za-z0-9+/]{43}");
    assertThat(HostKeys.fingerprints(HostKeys.load(dir))).isEqualTo(first);
  }
}
