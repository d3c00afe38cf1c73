package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  void matchesShellStyleMasks() {
    assertThat(Glob.compile("*.csv").matches("a.csv")).isTrue();
    assertThat(Glob.compile("*.csv").matches("a.csv.bak")).isFalse();
    assertThat(Glob.compile("data-??.txt").matches("data-01.txt")).isTrue();
    assertThat(Glob.compile("data-??.txt").matches("data-1.txt")).isFalse();
    assertThat(Glob.compile("[a-c]*").matches("bob")).isTrue();
    assertThat(Glob.compile("[!a-c]*").matches("bob")).isFalse();
    assertThat(Glob.compile("*.{csv,txt}").matches("x.txt")).isTrue();
    assertThat(Glob.compile("a+b(1).csv").matches("a+b(1).csv")).isTrue();
    assertThat(Glob.isGlob("plain.csv")).isFalse();
    assertThat(Glob.isGlob("*.csv")).isTrue();
  }
}
