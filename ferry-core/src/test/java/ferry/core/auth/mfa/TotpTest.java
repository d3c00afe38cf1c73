package ferry.core.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {
  private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  /** RFC 6238 appendix B, the SHA-1 rows (8 digits). */
  @ParameterizedTest
  @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
      "2000000000, 69279037", "20000000000, 65353130"})
  void matchesTheRfc6238TestVectors(long seconds, String expected) {
    long step = Totp.step(Instant.ofEpochSecond(seconds));
    assertThat(Totp.code(RFC_SECRET, step, 8)).isEqualTo(expected);
    assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(expected.substring(2));
  }

  @Test
  void acceptsOneStepOfDriftEitherWayAndNothingUsedBefore() {
    Instant now = Instant.ofEpochSecond(1_111_111_111L);
    long step = Totp.step(now);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, Long.MIN_VALUE)).hasValue(step - 1);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, Long.MIN_VALUE)).hasValue(step + 1);
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, Long.MIN_VALUE)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, "12a456", now, Long.MIN_VALUE)).isEmpty();
    assertThat(Totp.match(RFC_SECRET, null, now, Long.MIN_VALUE)).isEmpty();
  }

  @Test
  void base32RoundTripsAndReadsTheRfc4648Vectors() {
    assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    assertThat(new String(Base32.decode("mzxw 6ytb oi======"), StandardCharsets.US_ASCII)).isEqualTo("foobar");
    byte[] twenty = new byte[20];
    for (int i = 0; i < 20; i++) twenty[i] = (byte) (i * 13);
    assertThat(Base32.encode(twenty)).hasSize(32);
    assertThat(Base32.decode(Base32.encode(twenty))).isEqualTo(twenty);
  }
}
