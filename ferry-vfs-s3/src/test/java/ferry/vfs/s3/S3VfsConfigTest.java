package ferry.vfs.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VfsProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3VfsConfigTest {
  @Test
  void readsSettingsWithDefaults() {
    S3VfsConfig c =
        S3VfsConfig.fromSettings(
            Map.of(
                "bucket",
                "b",
                "region",
                "eu-west-1",
                "key_prefix",
                "/users/bob",
                "access_key",
                "AK",
                "access_secret",
                "SK"));
    assertThat(c.keyPrefix()).isEqualTo("users/bob/");
    assertThat(c.uploadPartSize()).isEqualTo(S3VfsConfig.DEFAULT_PART_SIZE);
    assertThat(c.uploadConcurrency()).isEqualTo(S3VfsConfig.DEFAULT_CONCURRENCY);
    assertThat(c.endpoint()).isEmpty();
    assertThat(c.checksumMode()).isEqualTo(S3ChecksumMode.WHEN_REQUIRED);
  }

  @Test
  void checksumsOnEveryUploadAreAChoiceOfTheFolder() {
    S3VfsConfig c =
        S3VfsConfig.fromSettings(
            Map.of("bucket", "b", "region", "r", "checksum_mode", "When_Supported"));
    assertThat(c.checksumMode()).isEqualTo(S3ChecksumMode.WHEN_SUPPORTED);
    assertThat(c.toString()).contains("checksumMode=when_supported");
    assertThatThrownBy(
            () ->
                S3VfsConfig.fromSettings(
                    Map.of("bucket", "b", "region", "r", "checksum_mode", "always")))
        .hasMessageStartingWith("s3.checksum_mode");
  }

  @Test
  void invalidSettingsNameTheirKey() {
    assertThatThrownBy(() -> S3VfsConfig.fromSettings(Map.of("region", "x")))
        .hasMessageStartingWith("s3.bucket");
    assertThatThrownBy(() -> S3VfsConfig.of("b", "r").withUpload(1024, 2).validate())
        .hasMessageStartingWith("s3.upload_part_size");
    assertThatThrownBy(
            () -> S3VfsConfig.of("b", "r").withUpload(S3VfsConfig.MIN_PART_SIZE, 0).validate())
        .hasMessageStartingWith("s3.upload_concurrency");
    assertThatThrownBy(() -> S3VfsConfig.of("b", "r").withCredentials("AK", "").validate())
        .hasMessageStartingWith("s3.access_secret");
    assertThatThrownBy(() -> S3VfsConfig.of("b", "r").withEndpoint("not a uri", true).validate())
        .hasMessageStartingWith("s3.endpoint");
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(S3VfsConfig.of("b", "r").withCredentials("AKID", "very-secret").toString())
        .contains("AKID")
        .doesNotContain("very-secret");
  }

  @Test
  void providerIsDiscoverable() {
    assertThat(VfsProviders.discover(getClass().getClassLoader()).types()).contains("s3", "local");
  }
}
