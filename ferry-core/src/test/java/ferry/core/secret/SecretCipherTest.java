package ferry.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretCipherTest {
  private final SecretCipher cipher = new SecretCipher(new byte[32]);

  @Test
  void roundTripsAndNeverStoresThePlaintext() {
    byte[] sealed = cipher.encrypt("token", "s3cr3t-value");
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
    assertThat(cipher.decrypt("token", sealed)).isEqualTo("s3cr3t-value");
    assertThat(cipher.encrypt("token", "s3cr3t-value")).isNotEqualTo(sealed);
  }

  @Test
  void aValueMovedToAnotherNameOrKeyDoesNotDecrypt() {
    byte[] sealed = cipher.encrypt("a", "v");
    assertThatThrownBy(() -> cipher.decrypt("b", sealed)).hasMessageContaining("cannot be decrypted");
    byte[] other = new byte[32];
    other[0] = 1;
    assertThatThrownBy(() -> new SecretCipher(other).decrypt("a", sealed)).hasMessageContaining("master key");
  }
}
