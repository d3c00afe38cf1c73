package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {
  private static final String SECRET = "pa ss/wörd+?";

  @Test
  void everyOccurrenceIsMaskedAndOverlapsBecomeOneMask() {
    SecretMasker masker = new SecretMasker();
    masker.add("abcabc");
    masker.add("cab");

    assertThat(masker.mask("x abcabcab y abc")).isEqualTo("x *** y abc");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void base64InEveryAlphabetAndAlignmentIsMasked(int prefixLength) {
    SecretMasker masker = new SecretMasker();
    masker.add(SECRET);
    byte[] text = ("u".repeat(prefixLength) + SECRET + "!tail").getBytes(StandardCharsets.UTF_8);

    for (Base64.Encoder encoder :
        new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder().withoutPadding()}) {
      String masked = masker.mask(encoder.encodeToString(text));
      assertThat(masked).contains("***");
      // What is left are the characters the prefix and the tail share with the secret.
      assertThat(masked.replace("***", "").length()).isLessThanOrEqualTo(4 + 3 + 8 + 2);
    }
  }

  @Test
  void standaloneEncodingsAreMaskedWhole() {
    SecretMasker masker = new SecretMasker();
    masker.add(SECRET);
    byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);

    assertThat(masker.mask("a=" + Base64.getEncoder().encodeToString(bytes) + ";"))
        .isEqualTo("a=***;");
    assertThat(masker.mask("a=" + Base64.getUrlEncoder().encodeToString(bytes) + ";"))
        .isEqualTo("a=***;");
    assertThat(masker.mask("q=" + URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + "&"))
        .isEqualTo("q=***&");
    assertThat(masker.mask("q=pa%20ss%2Fw%C3%B6rd%2B%3F&")).isEqualTo("q=***&");
  }

  @Test
  void aCutLineEndingInTheStartOfASecretHidesThatStart() {
    SecretMasker masker = new SecretMasker();
    masker.add(SECRET);

    assertThat(masker.maskCutTail("key pa ss/w")).isEqualTo("key ***");
    assertThat(masker.maskCutTail("key open")).isEqualTo("key open");
  }

  @Test
  void secretsShorterThanThreeCharactersAndBlankLinesAreNotMasked() {
    SecretMasker masker = new SecretMasker();
    masker.add("on");
    masker.add("k1\n   \nvalue");

    assertThat(masker.mask("on k1   value")).isEqualTo("on k1   ***");
  }
}
