package ferry.core.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FolderSecretsTest {
  final FolderSecrets secrets = new FolderSecrets(new SecretCipher(new byte[32]));

  @Test
  void answersShowTheWholeSecretObjectWithoutPayload() {
    Map<String, Object> sealed = secrets.seal(Map.of("provider", 5, "sftpconfig", Map.of("username", "u",
        "password", Map.of("status", "Plain", "payload", "sftp-pw"))), null);
    assertThat(sealed.toString()).doesNotContain("sftp-pw").contains("AES-256-GCM");

    Map<String, Object> shown = secrets.redact(sealed);
    assertThat(shown.get("sftpconfig")).isEqualTo(Map.of("username", "u", "password", Map.of("status", "AES-256-GCM",
        "payload", "", "key", "", "additional_data", "", "mode", 0)));
    assertThat(secrets.reveal(sealed, "sftpconfig", "password")).contains("sftp-pw");
  }

  @Test
  void aSecretInAnyOtherPlaceIsSealedAndRedactedToo() {
    Map<String, Object> sealed = secrets.seal(Map.of("provider", 1, "s3config", Map.of("bucket", "b",
        "sse_customer_key", Map.of("status", "Plain", "payload", "sse-key")),
        "gcsconfig", Map.of("credentials", Map.of("status", "Plain", "payload", "gcs-json"))), null);
    assertThat(sealed.toString()).doesNotContain("sse-key").doesNotContain("gcs-json");
    assertThat(secrets.redact(sealed).toString()).doesNotContain("sse-key").doesNotContain("gcs-json")
        .doesNotContain(String.valueOf(((Map<?, ?>) ((Map<?, ?>) sealed.get("gcsconfig")).get("credentials"))
            .get("payload")));
  }

  @Test
  void redactedSecretsKeepTheStoredValueAndOtherStatusesAreRefused() {
    Map<String, Object> first = secrets.seal(Map.of("s3config", Map.of("access_secret",
        Map.of("status", "Plain", "payload", "s3"))), null);
    Map<String, Object> again = secrets.seal(Map.of("s3config", Map.of("access_secret",
        Map.of("status", "Redacted"))), first);
    assertThat(secrets.reveal(again, "s3config", "access_secret")).contains("s3");
    Map<String, Object> echoed = secrets.seal(secrets.redact(first), first);
    assertThat(secrets.reveal(echoed, "s3config", "access_secret")).contains("s3");
    assertThatThrownBy(() -> secrets.seal(Map.of("s3config", Map.of("access_secret",
        Map.of("status", "Secretbox", "payload", "x"))), null)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("filesystem.s3config.access_secret.status");
    assertThatThrownBy(() -> secrets.seal(Map.of("s3config", Map.of("access_secret", "clear")), null))
        .isInstanceOf(ValidationException.class);
  }
}
