package ferry.httpd.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void rangesOfAHundredByteFile() {
    assertThat(ByteRange.parse(null, 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange.Part(new ByteRange(0, 9)));
    assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange.Part(new ByteRange(90, 99)));
    assertThat(ByteRange.parse("bytes=90-500", 100)).isEqualTo(new ByteRange.Part(new ByteRange(90, 99)));
    assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange.Part(new ByteRange(90, 99)));
    assertThat(ByteRange.parse("bytes=-1000", 100)).isEqualTo(new ByteRange.Part(new ByteRange(0, 99)));
    assertThat(ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.parse("bytes=0-", 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    // ignored, as the RFC allows: several ranges, other units, nonsense
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("items=0-1", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=9-1", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=x-1", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isInstanceOf(ByteRange.Whole.class);
    assertThat(new ByteRange(10, 19).contentRange(100)).isEqualTo("bytes 10-19/100");
  }
}
