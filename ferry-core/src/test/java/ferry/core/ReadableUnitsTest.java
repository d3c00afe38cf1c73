package ferry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadableUnitsTest {
  @Test
  void sizesBelowOneKibAreExactAndAboveInBinaryUnitsWithOneDecimal() {
    assertThat(ReadableUnits.size(0)).isEqualTo("0 B");
    assertThat(ReadableUnits.size(1023)).isEqualTo("1023 B");
    assertThat(ReadableUnits.size(1024)).isEqualTo("1.0 KiB");
    assertThat(ReadableUnits.size(1_250_000)).isEqualTo("1.2 MiB");
    assertThat(ReadableUnits.size(5L * 1024 * 1024 * 1024)).isEqualTo("5.0 GiB");
    assertThat(ReadableUnits.size(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
  }

  @Test
  void durationsUseTheUnitThatKeepsThemShort() {
    assertThat(ReadableUnits.duration(Duration.ZERO)).isEqualTo("0 ms");
    assertThat(ReadableUnits.duration(Duration.ofMillis(999))).isEqualTo("999 ms");
    assertThat(ReadableUnits.duration(Duration.ofMillis(3_240))).isEqualTo("3.2 s");
    assertThat(ReadableUnits.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
    assertThat(ReadableUnits.duration(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min");
    assertThat(ReadableUnits.duration(Duration.ofMillis(-5))).isEqualTo("0 ms");
  }
}
