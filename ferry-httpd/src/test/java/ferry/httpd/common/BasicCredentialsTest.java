package ferry.httpd.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {
  private static String basic(String userColonPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSchemeIsMatchedWithoutRegardToCase() {
    assertThat(BasicCredentials.isBasic("basic abc")).isTrue();
    assertThat(BasicCredentials.isBasic("Bearer abc")).isFalse();
    assertThat(BasicCredentials.isBasic(null)).isFalse();
  }

  @Test
  void thePasswordIsEverythingAfterTheFirstColon() {
    assertThat(BasicCredentials.decode(basic("anna:pa:ss wörd")))
        .isEqualTo(new BasicCredentials("anna", "pa:ss wörd"));
    assertThat(BasicCredentials.decode(basic(":secret"))).isEqualTo(new BasicCredentials("", "secret"));
  }

  @Test
  void noColonOrNoBase64IsMalformed() {
    assertThatThrownBy(() -> BasicCredentials.decode(basic("anna")))
        .isInstanceOf(AuthenticationException.class).hasMessage("malformed HTTP Basic credentials");
    assertThatThrownBy(() -> BasicCredentials.decode("Basic not*base64"))
        .isInstanceOf(AuthenticationException.class).hasMessage("malformed HTTP Basic credentials");
  }
}
