package ferry.vfs.ftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VfsProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FtpVfsConfigTest {
  @Test
  void readsSettingsWithDefaults() {
    FtpVfsConfig c =
        FtpVfsConfig.fromSettings(
            Map.of(
                "host",
                "h",
                "username",
                "u",
                "password",
                "p",
                "tls_mode",
                "implicit",
                "tls_insecure",
                "true"));
    assertThat(c.tlsMode()).isEqualTo(FtpVfsConfig.TlsMode.IMPLICIT);
    assertThat(c.effectivePort()).isEqualTo(FtpVfsConfig.DEFAULT_IMPLICIT_PORT);
    assertThat(c.passive()).isTrue();
    assertThat(FtpVfsConfig.of("h", "u", "p").effectivePort()).isEqualTo(FtpVfsConfig.DEFAULT_PORT);
  }

  @Test
  void invalidSettingsNameTheirKey() {
    assertThatThrownBy(() -> FtpVfsConfig.fromSettings(Map.of("username", "u")))
        .hasMessageStartingWith("ftp.host");
    assertThatThrownBy(
            () ->
                FtpVfsConfig.fromSettings(
                    Map.of("host", "h", "username", "u", "tls_mode", "sometimes")))
        .hasMessageStartingWith("ftp.tls_mode");
    assertThatThrownBy(
            () ->
                FtpVfsConfig.fromSettings(
                    Map.of("host", "h", "username", "u", "trusted_cert", "junk")))
        .hasMessageStartingWith("ftp.tls_mode");
  }

  @Test
  void providerIsDiscoverable() {
    assertThat(VfsProviders.discover(getClass().getClassLoader()).types()).contains("ftp");
  }
}
