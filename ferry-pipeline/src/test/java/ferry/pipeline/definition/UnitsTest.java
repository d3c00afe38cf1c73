package ferry.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void sizesAreBytesWithDecimalOrBinaryUnits() {
    assertThat(Units.bytes(1L)).contains(1L);
    assertThat(Units.bytes("10KB")).contains(10_000L);
    assertThat(Units.bytes("5 MiB")).contains(5L << 20);
    assertThat(Units.bytes("1GB")).contains(1_000_000_000L);
    assertThat(Units.bytes("1gib")).contains(1L << 30);
    assertThat(Units.bytes("1.5 KiB")).contains(1536L);
    assertThat(Units.bytes("42")).contains(42L);
    assertThat(Units.bytes("0.3B")).isEmpty(); // a fraction of a byte
    assertThat(Units.bytes("99999999 TiB")).isEmpty(); // past a long
    assertThat(Units.bytes("10 XB")).isEmpty();
    assertThat(Units.bytes(-1L)).isEmpty();
    assertThat(Units.bytes(true)).isEmpty();
  }

  @Test
  void durationsAreShortFormsOrIso() {
    assertThat(Units.duration("500ms")).contains(Duration.ofMillis(500));
    assertThat(Units.duration("30s")).contains(Duration.ofSeconds(30));
    assertThat(Units.duration("5m")).contains(Duration.ofMinutes(5));
    assertThat(Units.duration("2h")).contains(Duration.ofHours(2));
    assertThat(Units.duration("1d")).contains(Duration.ofDays(1));
    assertThat(Units.duration("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Units.duration("PT30S")).contains(Duration.ofSeconds(30));
    assertThat(Units.duration("P1D")).contains(Duration.ofDays(1));
    assertThat(Units.duration("30")).isEqualTo(Optional.empty());
    assertThat(Units.duration("-PT1S")).isEmpty();
    assertThat(Units.duration("soon")).isEmpty();
    assertThat(Units.duration(30L)).isEmpty();
  }
}
