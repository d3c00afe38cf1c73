package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  final ParamsConverter params = new ParamsConverter();
  final ExpiryConverter expiry = new ExpiryConverter(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void paramsKeepTheirFormAndReadAsAMap() {
    var object = params.convert("{\"character\":\"goofy\",\"n\":3}");
    var array =
        params.convert(
            "[{\"name\":\"character\",\"value\":\"goofy\"},{\"name\":\"n\",\"value\":3}]");

    assertThat(object.isObject()).isTrue();
    assertThat(array.isArray()).isTrue();
    assertThat(ParamsConverter.toMap(object)).isEqualTo(Map.of("character", "goofy", "n", "3"));
    assertThat(ParamsConverter.toMap(array)).isEqualTo(Map.of("character", "goofy", "n", "3"));
    assertThat(ParamsConverter.toMap(null)).isEmpty();
  }

  @Test
  void paramsOfAnotherShapeAreRefused() {
    assertThatThrownBy(() -> params.convert("goofy")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> params.convert("\"goofy\"")).hasMessageContaining("neither");
    assertThatThrownBy(() -> params.convert("[{\"character\":\"goofy\"}]"))
        .hasMessageContaining("\"name\"");
  }

  @Test
  void expiryReadsInstantsDatesAndDurations() {
    assertThat(expiry.convert("2027-01-01T00:00:00Z"))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(expiry.convert("2027-01-01T02:00:00+02:00"))
        .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(expiry.convert("2027-01-01")).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(expiry.convert("30d")).isEqualTo(Instant.parse("2026-12-28T10:00:00Z"));
    assertThat(expiry.convert("12h")).isEqualTo(Instant.parse("2026-11-28T22:00:00Z"));
    assertThat(expiry.convert("2w")).isEqualTo(Instant.parse("2026-12-12T10:00:00Z"));
    assertThat(expiry.convert("P1D")).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
  }

  @Test
  void expiryInThePastOrUnreadableIsRefused() {
    assertThatThrownBy(() -> expiry.convert("2026-01-01"))
        .hasMessageContaining("not in the future");
    assertThatThrownBy(() -> expiry.convert("0d")).hasMessageContaining("not in the future");
    assertThatThrownBy(() -> expiry.convert("soon")).hasMessageContaining("30d");
    assertThatThrownBy(() -> expiry.convert("99999999999999999999d"))
        .isInstanceOf(TypeConversionException.class);
  }

  @Test
  void tableTextFlattensJson() throws Exception {
    assertThat(Table.text(FerryClient.JSON.readTree("[\"a\",\"b\"]"))).isEqualTo("a,b");
    assertThat(Table.text(FerryClient.JSON.readTree("null"))).isEqualTo("-");
    assertThat(Table.text(null)).isEqualTo("-");
    assertThat(Table.text(FerryClient.JSON.readTree("{\"k\":1}"))).isEqualTo("{\"k\":1}");
  }

  @Test
  void pathSegmentsAndQueriesAreEncoded() {
    assertThat(FerryClient.segment("My Backup Job/2")).isEqualTo("My%20Backup%20Job%2F2");
    assertThat(FerryClient.query(Map.of())).isEmpty();
  }
}
