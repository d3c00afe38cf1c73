package ferry.vfs.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VfsProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SftpVfsConfigTest {
  private static final String PRINT = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

  @Test
  void readsSettings() {
    SftpVfsConfig c =
        SftpVfsConfig.fromSettings(
            Map.of(
                "host",
                "h",
                "username",
                "u",
                "password",
                "p",
                "fingerprints",
                PRINT + ", " + PRINT + "=",
                "root_dir",
                "/in"));
    assertThat(c.port()).isEqualTo(SftpVfsConfig.DEFAULT_PORT);
    assertThat(c.fingerprints()).hasSize(2);
    assertThat(c.rootDir()).isEqualTo("/in");
    assertThat(SftpConnector.normalize(c.fingerprints().get(1))).isEqualTo(PRINT);
  }

  @Test
  void invalidSettingsNameTheirKey() {
    assertThatThrownBy(() -> SftpVfsConfig.fromSettings(Map.of("username", "u")))
        .hasMessageStartingWith("sftp.host");
    assertThatThrownBy(
            () ->
                SftpVfsConfig.fromSettings(
                    Map.of("host", "h", "username", "u", "fingerprints", PRINT)))
        .hasMessageStartingWith("sftp.password");
    assertThatThrownBy(
            () ->
                SftpVfsConfig.fromSettings(
                    Map.of(
                        "host", "h", "username", "u", "password", "p", "fingerprints", "MD5:aa")))
        .hasMessageStartingWith("sftp.fingerprints");
    assertThatThrownBy(() -> SftpVfsConfig.fromSettings(Map.of("host", "h", "port", "x")))
        .hasMessageStartingWith("sftp.port");
  }

  @Test
  void providerIsDiscoverable() {
    assertThat(VfsProviders.discover(getClass().getClassLoader()).types()).contains("sftp");
  }
}
